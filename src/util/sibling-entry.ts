/** A sibling module's file: `.ts` beside the sources, `.js` beside the bundle's chunks (each worker is an entry of the bundle). */
export const siblingEntry = (name: string, base: string) => new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
