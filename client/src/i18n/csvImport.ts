// Strings for the csvImport feature, in both languages.

export const csvImportEn = {
} as const;

export type CsvImportKey = keyof typeof csvImportEn;

export const csvImportEs: Record<CsvImportKey, string> = {
};
