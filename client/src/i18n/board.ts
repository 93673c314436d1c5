// Strings for the board feature, in both languages.

export const boardEn = {
} as const;

export type BoardKey = keyof typeof boardEn;

export const boardEs: Record<BoardKey, string> = {
};
