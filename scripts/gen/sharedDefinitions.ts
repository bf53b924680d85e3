/**
 * Shared schema definitions: equal sub-schemas become one `definitions` entry that every user
 * `$ref`s. Why: compiled without inlining, each definition is one function instead of a copy per
 * parameter or argument (the server script must stay small).
 */

type Schema = Record<string, unknown>;

/** Collects definitions by content. */
export class SharedDefinitions {
  private readonly byContent = new Map<string, string>();
  private readonly defs: Record<string, Schema> = {};

  /** @param prefix names the definitions (`<prefix>0`, `<prefix>1`, ...). */
  constructor(private readonly prefix: string) {}

  /** A `$ref` to the definition equal to `schema` (added on first use). */
  ref(schema: Schema): Schema {
    const key = JSON.stringify(schema);
    let name = this.byContent.get(key);
    if (name === undefined) {
      name = `${this.prefix}${this.byContent.size}`;
      this.byContent.set(key, name);
      this.defs[name] = schema;
    }
    return { $ref: `#/definitions/${name}` };
  }

  /** Every definition used so far. */
  definitions(): Record<string, Schema> {
    return { ...this.defs };
  }
}
