// Strings for the library feature, in both languages.

export const libraryEn = {
} as const;

export const libraryEs: Readonly<Record<keyof typeof libraryEn, string>> = {
};
