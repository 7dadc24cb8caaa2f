const integer = new Intl.NumberFormat('en-GB');

/** A count in words, for the summary and the pages alike: "1 article", "2,225 articles". */
export const plural = (count: number, word: string) => `${integer.format(count)} ${word}${count === 1 ? '' : 's'}`;

/** A whole number with thousands separated: "2,636". */
export const integerText = (value: number) => integer.format(value);
