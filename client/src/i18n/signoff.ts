// Strings for the signoff feature, in both languages.

export const signoffEn = {
} as const;

export const signoffEs: Readonly<Record<keyof typeof signoffEn, string>> = {
};
