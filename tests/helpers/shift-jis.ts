/**
 * Encodes text as Shift_JIS for tests (Node decodes Shift_JIS but cannot encode it): the table is the
 * inverse of Node's own decoder over every double-byte code.
 */
let table: Map<string, number[]> | undefined;

const encodingTable = (): Map<string, number[]> => {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  const leads = [...range(0x81, 0x9f), ...range(0xe0, 0xfc)];
  const trails = [...range(0x40, 0x7e), ...range(0x80, 0xfc)];
  for (const lead of leads) {
    for (const trail of trails) {
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // not a character
      }
    }
  }
  for (const single of range(0xa1, 0xdf)) table.set(decoder.decode(Uint8Array.of(single)), [single]);
  return table;
};

function* range(from: number, to: number) {
  for (let value = from; value <= to; value += 1) yield value;
}

export const encodeShiftJis = (text: string): Buffer => {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const encoded = encodingTable().get(char);
      if (!encoded) throw new Error(`${char} has no Shift_JIS encoding`);
      bytes.push(...encoded);
    }
  }
  return Buffer.from(bytes);
};
