// Strings for the threads feature, in both languages.

export const threadsEn = {
} as const;

export type ThreadsKey = keyof typeof threadsEn;

export const threadsEs: Record<ThreadsKey, string> = {
};
