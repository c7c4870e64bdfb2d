// Placeholder until the Postman converter lands (owned by the Postman import work).
export async function importPostmanCommand(_argv: string[]): Promise<number> {
  process.stderr.write('connector-studio: import-postman is not available yet.\n');
  return 2;
}
