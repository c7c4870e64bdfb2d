export class UsageError extends Error {
  override name = 'UsageError';
}

/** By name, not instanceof: each command is a bundle of its own with its own copy of this class. */
export const isUsageError = (e: unknown): e is UsageError => e instanceof Error && e.name === 'UsageError';

export const USAGE = `Usage:
  connector-studio validate <files or folders...> [options]
      Validates Power Platform custom connectors (apiDefinition.swagger.json + apiProperties.json).
      A folder means every connector definition under it, recursively. "-" reads one definition from stdin.
      --format stylish|json|sarif|paconn
                                    output format (default: stylish); paconn prints
                                    "Error : <json pointer> : <message>" lines as paconn does
      --profile default|certification
      --max-warnings N              exit 1 when there are more than N warnings
      --config <file>               a .connector-studio.json to use for every file
      --stdin-filename <name>       file name to report for "-" (default: stdin.swagger.json)
      --threads N                   validate on N threads (default: one per core, for
                                    8 definitions or 1 MB and more); the report is the same
      --base <git-ref>              also report breaking changes since the connector's files at
                                    that revision (read with git show), as Microsoft's update check does
  connector-studio import-postman <collection.json> --out <dir> [--environment env.json] [--force]
      Converts a Postman collection (v2.0/v2.1) into a connector; re-import merges and keeps your edits.
  connector-studio import-openapi <file|url> --out <dir> [--include-tags a,b] [--include-paths /x,/y] [--force]
      Converts an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON/YAML, file or URL) into a connector,
      with a report of what was approximated or dropped and the platform's size budgets; re-import merges.
  connector-studio diff <old> <new> [--format stylish|json|sarif] [--config <file>]
      Breaking changes between two versions of a connector (folders or definition files: a git
      checkout, a pac/paconn download); exit 1 when one breaks existing flows or connections.
  connector-studio mcp <connector folder> [--tool NAME --args JSON] [--host URL] [--format stylish|json|sarif]
      Connects to the connector's MCP server through its MCP operation (connection, policy templates),
      lists tools and checks Copilot Studio's constraints; exit 1 on a violation or fault.
      Credentials from environment variables only: see connector-studio mcp --help.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage, no definition found, a file not fully checked (read refused or over a budget), or internal failure.
`;
