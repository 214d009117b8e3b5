import type { Logger } from '../observability/logger';

/**
 * The last line of defence of a server process: an error no handler caught (a stream without an error
 * listener in a dependency, restify issue 1785) is logged — through the logger that masks personal data —
 * and the process goes on serving everybody else, instead of one request ending it.
 */
export function guardProcess(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    logger.error({ err: error }, 'uncaught exception; the server goes on');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection; the server goes on');
  });
}
