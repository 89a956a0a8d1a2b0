/** A one-line progress bar on a terminal; elsewhere (a pipe, a log file) only the messages are written. */
export function progressBar(stream: NodeJS.WriteStream, total: number, what: string) {
  const width = 30;
  let shown = 0;
  const draw = () => {
    if (!stream.isTTY) return;
    const filled = total ? Math.round((shown / total) * width) : width;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${shown}/${total} ${what}`);
  };
  return {
    update(done: number) {
      shown = done;
      draw();
    },
    /** A message on a line of its own, above the bar. */
    log(message: string) {
      if (stream.isTTY) stream.write('\r\u001b[2K');
      stream.write(`${message}\n`);
      draw();
    },
    done() {
      if (stream.isTTY && total > 0) stream.write('\n');
    },
  };
}
