/**
 * A real SMTP server for tests, run as its own process by `startSmtpServer()`:
 *
 *   node dist/libs/testing/src/smtp-sink.js PORT FOLDER
 *
 * Accepts any sender and recipient (no auth, no TLS) and stores every message as it arrived (raw
 * RFC 5322) in FOLDER, one `.eml` file each, written atomically. Recipients whose address starts
 * with `reject` are refused with a permanent 550, so tests can see a permanent failure. Prints
 * "smtp sink listening" once it accepts connections.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const [portArg, folder] = process.argv.slice(2);
if (!portArg || !folder) {
  console.error('usage: smtp-sink PORT FOLDER');
  process.exit(2);
}
mkdirSync(folder, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.toLowerCase().startsWith('reject')) {
      const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
      return callback(error);
    }
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const name = `${Date.now()}-${process.pid}-${String(++count).padStart(6, '0')}.eml`;
      writeFileSync(join(folder, `.${name}.tmp`), Buffer.concat(chunks));
      renameSync(join(folder, `.${name}.tmp`), join(folder, name));
      callback();
    });
  },
});

server.listen(Number(portArg), '127.0.0.1', () => console.log(`smtp sink listening on ${portArg}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
