/** Reads server-sent events from a live HTTP connection (fetch), frame by frame. */
export async function eventStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** The data of the next event named `event` (JSON-parsed); earlier other events are skipped. */
  const next = async (event: string, ms = 2_000): Promise<unknown> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      for (const [index, frame] of frames.entries()) {
        const name = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (name === event && data) {
          buffer = [...frames.slice(index + 1), buffer].join('\n\n');
          return JSON.parse(data);
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${event} event within ${ms} ms`);
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no ${event} event within ${ms} ms`)), left),
        ),
      ]);
      if (chunk.done) throw new Error('stream ended');
      buffer += chunk.value;
    }
  };
  return { response, next, close: () => controller.abort() };
}
