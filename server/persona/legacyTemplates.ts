// The B2B template as Tandem wrote it before issue 13, in English and Spanish, exactly (from git
// history: server/persona/templates.ts at 3686698). It wrote example values and prompts as content;
// templateGuidance.ts recognises that text, untouched, in old personas and turns it into guidance.
// Never written into a new persona.
import type { Profile, RichTextNode, SectionKey } from '../../shared/persona/types.ts';

export interface LegacyTemplate {
  profile: Omit<Profile, 'createdAt'>;
  sections: Partial<Record<SectionKey, RichTextNode[]>>;
}

type Inline = string | RichTextNode;

const text = (value: string, ...marks: ('bold' | 'italic')[]): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };

const inline = (parts: Inline[]): RichTextNode[] => parts.map((part) => (typeof part === 'string' ? text(part) : part));

const paragraph = (...parts: Inline[]): RichTextNode => ({ type: 'paragraph', content: inline(parts) });

const heading = (level: 2 | 3, value: string): RichTextNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});

const listItem = (item: Inline | Inline[]): RichTextNode => ({
  type: 'listItem',
  content: [paragraph(...(Array.isArray(item) ? item : [item]))],
});

const bulletList = (...items: (Inline | Inline[])[]): RichTextNode => ({
  type: 'bulletList',
  content: items.map(listItem),
});

const orderedList = (...items: (Inline | Inline[])[]): RichTextNode => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: items.map(listItem),
});

const prompt = (value: string): RichTextNode => paragraph(text(value, 'italic'));

const LEGACY_B2B_EN: LegacyTemplate = {
  profile: {
    name: 'New B2B buyer',
    role: 'Head of Operations',
    segment: 'Mid-market SaaS',
    companySize: '200–1,000 employees',
    location: 'Europe',
    avatar: '💼',
  },
  sections: {
    summary: [
      prompt('Two or three sentences a new sales rep could repeat after one read.'),
      bulletList(
        [text('Who they are: ', 'bold'), 'title, team, who they report to'],
        [text('What they own: ', 'bold'), 'the budget, process or outcome they answer for'],
        [text('Why now: ', 'bold'), 'the trigger that puts them in the market'],
      ),
    ],
    goals: [
      prompt('What does success look like for them this year, in their own words?'),
      heading(3, 'Business goals'),
      bulletList('The number they are measured on', 'The project that would get them promoted'),
      heading(3, 'Personal goals'),
      bulletList('What would make their week easier', 'What they want to stop doing by hand'),
    ],
    pains: [
      prompt('Which problems cost them time, money or sleep? Back each one with evidence.'),
      bulletList(
        [text('Daily friction: ', 'bold'), 'tools and handoffs that slow the team down'],
        [text('Hidden cost: ', 'bold'), 'what the problem costs if nothing changes'],
        [text('Risk: ', 'bold'), 'what goes wrong if they choose badly'],
      ),
    ],
    objections: [
      prompt('What do they say when they push back? Quote real calls where you can.'),
      bulletList(
        [text('Price: ', 'bold'), '“We already pay for something that almost does this.”'],
        [text('Timing: ', 'bold'), '“Not this quarter.”'],
        [text('Effort: ', 'bold'), '“My team has no time to switch tools.”'],
        [text('Trust: ', 'bold'), 'who they need to hear from before they believe you'],
      ),
    ],
    buyingProcess: [
      prompt('How does a deal move from first contact to signature?'),
      orderedList(
        'Trigger: what starts the search',
        'Research: where they look and who they ask',
        'Shortlist: how vendors are compared and by whom',
        'Decision: who signs, who can veto, and how long it takes',
      ),
      bulletList([text('Buying committee: ', 'bold'), 'champion, economic buyer, IT and security, finance']),
    ],
    channels: [
      prompt('Where do they spend attention, and which channels have actually converted?'),
      bulletList(
        'Communities, newsletters and events they trust',
        'Search terms and content that brought them in',
        'The best way to get a first meeting',
      ),
    ],
    messaging: [
      prompt('The words that work with this buyer, tested in campaigns and calls.'),
      heading(3, 'Core message'),
      paragraph('One sentence: ', text('for whom, what outcome, why us', 'bold', 'italic'), '.'),
      heading(3, 'Proof points'),
      bulletList('A customer result they recognise', 'A number marketing can stand behind'),
      heading(3, 'Words to avoid'),
      bulletList('Jargon that made them tune out'),
    ],
  },
};

const LEGACY_B2B_ES: LegacyTemplate = {
  profile: {
    name: 'Nuevo comprador B2B',
    role: 'Director/a de Operaciones',
    segment: 'SaaS para mediana empresa',
    companySize: '200–1.000 empleados',
    location: 'España',
    avatar: '💼',
  },
  sections: {
    summary: [
      prompt('Dos o tres frases que un comercial nuevo pueda repetir tras leerlas una vez.'),
      bulletList(
        [text('Quién es: ', 'bold'), 'cargo, equipo y a quién reporta'],
        [text('De qué responde: ', 'bold'), 'el presupuesto, el proceso o el resultado que lleva'],
        [text('Por qué ahora: ', 'bold'), 'el detonante que le lleva a buscar una solución'],
      ),
    ],
    goals: [
      prompt('¿Cómo es el éxito para esta persona este año, con sus palabras?'),
      heading(3, 'Objetivos de negocio'),
      bulletList('La cifra por la que le miden', 'El proyecto que le haría ascender'),
      heading(3, 'Objetivos personales'),
      bulletList('Lo que le haría la semana más fácil', 'Lo que quiere dejar de hacer a mano'),
    ],
    pains: [
      prompt('¿Qué problemas le cuestan tiempo, dinero o sueño? Respalda cada uno con evidencia.'),
      bulletList(
        [text('Fricción diaria: ', 'bold'), 'herramientas y traspasos que frenan al equipo'],
        [text('Coste oculto: ', 'bold'), 'lo que cuesta el problema si nada cambia'],
        [text('Riesgo: ', 'bold'), 'qué sale mal si elige mal'],
      ),
    ],
    objections: [
      prompt('¿Qué dice cuando pone pegas? Cita llamadas reales siempre que puedas.'),
      bulletList(
        [text('Precio: ', 'bold'), '«Ya pagamos por algo que casi hace esto».'],
        [text('Momento: ', 'bold'), '«Este trimestre no».'],
        [text('Esfuerzo: ', 'bold'), '«Mi equipo no tiene tiempo de cambiar de herramienta».'],
        [text('Confianza: ', 'bold'), 'a quién necesita oír antes de creerte'],
      ),
    ],
    buyingProcess: [
      prompt('¿Cómo avanza una operación desde el primer contacto hasta la firma?'),
      orderedList(
        'Detonante: qué pone en marcha la búsqueda',
        'Investigación: dónde busca y a quién pregunta',
        'Preselección: cómo se comparan los proveedores y quién lo hace',
        'Decisión: quién firma, quién puede vetar y cuánto tarda',
      ),
      bulletList([text('Comité de compra: ', 'bold'), 'promotor, decisor económico, TI y seguridad, finanzas']),
    ],
    channels: [
      prompt('¿Dónde pone su atención y qué canales han convertido de verdad?'),
      bulletList(
        'Comunidades, newsletters y eventos en los que confía',
        'Búsquedas y contenidos que le trajeron hasta nosotros',
        'La mejor forma de conseguir una primera reunión',
      ),
    ],
    messaging: [
      prompt('Las palabras que funcionan con este comprador, probadas en campañas y llamadas.'),
      heading(3, 'Mensaje principal'),
      paragraph('Una frase: ', text('para quién, qué resultado, por qué nosotros', 'bold', 'italic'), '.'),
      heading(3, 'Pruebas'),
      bulletList('Un resultado de cliente que reconozca', 'Una cifra que marketing pueda defender'),
      heading(3, 'Palabras que evitar'),
      bulletList('La jerga que le hizo desconectar'),
    ],
  },
};

/** Every language the old B2B template was written in. */
export const LEGACY_B2B_TEMPLATES: readonly LegacyTemplate[] = [LEGACY_B2B_EN, LEGACY_B2B_ES];
