// Strings for signing in with the company's identity provider, and for a sign-in it refused, in both languages.
import type { SignInError } from '../../../shared/api.ts';

type SignInErrorKeys = `signIn.error.${SignInError}.${'title' | 'body'}`;

export const signInEn = {
  'signIn.withCompany': 'Sign in with your company account',
  'signIn.orLink': 'Or open the personal link an admin sent you.',
  'signIn.again': 'Sign in again',
  'signIn.anotherAccount': 'Sign in with another account',
  'signIn.error.unknown.title': 'This email is not invited',
  'signIn.error.unknown.body':
    'Your company account is fine, but nobody has invited its email to Tandem yet. Ask an admin of Tandem to invite you, then sign in again.',
  'signIn.error.inactive.title': 'Your membership is paused',
  'signIn.error.inactive.body': 'An admin has deactivated your membership. Ask an admin of Tandem to activate it, then sign in again.',
  'signIn.error.unverified.title': 'Your email is not verified',
  'signIn.error.unverified.body':
    'Your company account has not verified its email address, so Tandem cannot tell who you are. Verify it there, then sign in again.',
  'signIn.error.denied.title': 'Sign-in was cancelled',
  'signIn.error.denied.body': 'The sign-in was cancelled at your company\'s sign-in page. Sign in again when you are ready.',
  'signIn.error.expired.title': 'Sign-in took too long',
  'signIn.error.expired.body':
    'The sign-in expired, or was finished in another tab or browser. Start it again from here.',
  'signIn.error.provider.title': 'Your company\'s sign-in cannot be reached',
  'signIn.error.provider.body':
    'Tandem could not reach your company\'s identity provider. Try again in a moment; if it keeps happening, tell an admin.',
  'signIn.error.failed.title': 'Sign-in did not work',
  'signIn.error.failed.body':
    'The answer from your company\'s identity provider could not be checked. Try again; if it keeps happening, tell an admin.',
} as const satisfies Record<SignInErrorKeys | `signIn.${string}`, string>;

export const signInEs: Readonly<Record<keyof typeof signInEn, string>> = {
  'signIn.withCompany': 'Inicia sesión con tu cuenta de empresa',
  'signIn.orLink': 'O abre el enlace personal que te envió un administrador.',
  'signIn.again': 'Volver a iniciar sesión',
  'signIn.anotherAccount': 'Iniciar sesión con otra cuenta',
  'signIn.error.unknown.title': 'Este correo no está invitado',
  'signIn.error.unknown.body':
    'Tu cuenta de empresa funciona, pero nadie ha invitado todavía su correo a Tandem. Pide a un administrador de Tandem que te invite y vuelve a iniciar sesión.',
  'signIn.error.inactive.title': 'Tu acceso está en pausa',
  'signIn.error.inactive.body': 'Un administrador ha desactivado tu acceso. Pide a un administrador de Tandem que lo active y vuelve a iniciar sesión.',
  'signIn.error.unverified.title': 'Tu correo no está verificado',
  'signIn.error.unverified.body':
    'Tu cuenta de empresa no ha verificado su dirección de correo, así que Tandem no puede saber quién eres. Verifícala allí y vuelve a iniciar sesión.',
  'signIn.error.denied.title': 'Se canceló el inicio de sesión',
  'signIn.error.denied.body': 'El inicio de sesión se canceló en la página de acceso de tu empresa. Vuelve a intentarlo cuando quieras.',
  'signIn.error.expired.title': 'El inicio de sesión tardó demasiado',
  'signIn.error.expired.body': 'El inicio de sesión caducó o se terminó en otra pestaña o navegador. Vuelve a empezar desde aquí.',
  'signIn.error.provider.title': 'No se puede contactar con el acceso de tu empresa',
  'signIn.error.provider.body':
    'Tandem no ha podido contactar con el proveedor de identidad de tu empresa. Inténtalo de nuevo en un momento; si sigue pasando, avisa a un administrador.',
  'signIn.error.failed.title': 'No se pudo iniciar sesión',
  'signIn.error.failed.body':
    'No se pudo comprobar la respuesta del proveedor de identidad de tu empresa. Inténtalo de nuevo; si sigue pasando, avisa a un administrador.',
};
