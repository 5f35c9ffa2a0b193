/**
 * JSON that keeps the world's Maps and Sets: a Map is written as `{"$map": [[key, value], ...]}`, a Set as
 * `{"$set": [...]}`, and read back as such. The world holds no other non-JSON values (times are epoch ms or ISO strings).
 */
export function stringifyWithCollections(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Set) return { $set: [...v.values()] };
    return v;
  });
}

export function parseWithCollections(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$map' && Array.isArray((v as { $map: unknown }).$map)) return new Map((v as { $map: [unknown, unknown][] }).$map);
      if (keys.length === 1 && keys[0] === '$set' && Array.isArray((v as { $set: unknown }).$set)) return new Set((v as { $set: unknown[] }).$set);
    }
    return v;
  });
}
