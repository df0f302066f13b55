/**
 * `npm start`: the local preview of Trust Desk at http://127.0.0.1:<port>.
 *
 *   npm start                    compile what changed, build, seed on first run, serve
 *   npm start -- --reset         drop the database and seed it again from data/*-plan.json
 *   npm start -- --port 8080     another port (0 picks a free one)
 *   npm start -- --dev           LWC development mode (extra runtime checks and warnings)
 */
import { startPreview, PREVIEW_DIR } from './start';
import type { SeedResult } from './seed';

export const DEFAULT_PORT = 5180;

interface Arguments {
  port: number;
  reset: boolean;
  development: boolean;
  databaseFile?: string;
}

const USAGE = `Usage: npm start [-- --reset] [--port <port>] [--dev]

  --reset        drop the preview database and seed it again from data/*-plan.json
  --port <port>  listen on this port of 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --dev          run components in LWC development mode (extra checks and warnings)
  --db <file>    another database file (the browser tests use a throwaway one)

The preview listens on 127.0.0.1 only.`;

export function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = { port: DEFAULT_PORT, reset: false, development: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const [name, inline] = argument.split('=', 2) as [string, string | undefined];
    switch (name) {
      case '--reset':
        parsed.reset = true;
        break;
      case '--dev':
        parsed.development = true;
        break;
      case '--port': {
        const value = inline ?? argv[++index];
        const port = Number(value);
        if (value === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
          throw new Error(`--port needs a port number between 0 and 65535, not "${value ?? ''}"`);
        }
        parsed.port = port;
        break;
      }
      case '--db': {
        const value = inline ?? argv[++index];
        if (!value) throw new Error('--db needs a file name');
        parsed.databaseFile = value;
        break;
      }
      case '--host':
        throw new Error(
          'The preview only listens on 127.0.0.1: it serves demo data with no login, so --host is not offered.'
        );
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option "${argument}"\n\n${USAGE}`);
    }
  }
  return parsed;
}

function describeSeed(seed: SeedResult): string[] {
  const lines = [
    `Seeded ${seed.records} demo records (${Object.entries(seed.byObject)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ')}).`
  ];
  if (seed.problems.length > 0) {
    lines.push(`${seed.problems.length} demo records were rejected, as an org would reject them:`);
    for (const problem of seed.problems.slice(0, 12))
      lines.push(`  data/${problem.file} ${problem.referenceId}: ${problem.message}`);
    if (seed.problems.length > 12) lines.push(`  … and ${seed.problems.length - 12} more`);
  }
  return lines;
}

async function main(): Promise<void> {
  const started = Date.now();
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const log = (message: string): void => console.log(message);
  let preview;
  try {
    preview = await startPreview({
      port: args.port,
      reset: args.reset,
      development: args.development,
      databaseFile: args.databaseFile,
      log
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `Port ${args.port} is in use: try npm start -- --port <another port> (0 picks a free one).`
      );
    } else {
      console.error(error);
    }
    process.exit(1);
  }
  if (preview.seed) for (const line of describeSeed(preview.seed)) log(line);
  const warnings = (preview as typeof preview & { warnings: string[] }).warnings;
  if (warnings.length > 0) {
    log(`Not emulated or not as in an org (${warnings.length}):`);
    for (const warning of warnings.slice(0, 15)) log(`  - ${warning}`);
    if (warnings.length > 15) log(`  … and ${warnings.length - 15} more`);
  }
  const timings = Object.entries(preview.timings)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ');
  log(
    `Bundle ${preview.build.rebuilt ? `built in ${preview.build.milliseconds} ms` : 'up to date'} (${(preview.build.bytes / 1024 / 1024).toFixed(1)} MB); database ${args.databaseFile ?? `${PREVIEW_DIR}/trust-desk.db`}`
  );
  log(`Ready in ${Date.now() - started} ms (${timings}).`);
  log('');
  log(`  Trust Desk preview: ${preview.url}/lightning/page/home`);
  log('');
  const stop = (): void => {
    void preview.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  void main();
}
