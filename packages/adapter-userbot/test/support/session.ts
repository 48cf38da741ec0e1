/** A well-formed GramJS session string (dc 2, 149.154.167.50:443, an all-zero auth key). */
export function sessionString(): string {
  const address = Buffer.from('149.154.167.50');
  const bytes = Buffer.alloc(1 + 2 + address.length + 2 + 256);
  bytes.writeUInt8(2, 0);
  bytes.writeInt16BE(address.length, 1);
  address.copy(bytes, 3);
  bytes.writeInt16BE(443, 3 + address.length);
  return `1${bytes.toString('base64')}`;
}
