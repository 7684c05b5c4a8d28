import { afterEach, describe, expect, it } from 'vitest';
import { ThreadCalls } from './thread.js';

const echo = () => new ThreadCalls<string, string>(new URL('../../../test/support/echo-thread.ts', import.meta.url).href,
  'echoThread', { greeting: 'hello' });

describe('calls answered by a worker thread', () => {
  let thread: ThreadCalls<string, string> | undefined;
  afterEach(async () => thread?.close());

  it('answers each call with the answerer made from its start data, in any number at once', async () => {
    thread = echo();
    expect(await Promise.all(['a', 'b', 'c'].map((x) => thread!.call(x)))).toEqual(['hello a', 'hello b', 'hello c']);
  });

  it('sends a failure back as a rejected call, and goes on answering', async () => {
    thread = echo();
    await expect(thread.call('throw')).rejects.toThrow('asked to fail');
    expect(await thread.call('again')).toBe('hello again');
  });

  it('fails the calls of a thread that died, and starts a new one for the next call', async () => {
    thread = echo();
    const dying = thread.call('die');
    const waiting = thread.call('after');
    await expect(dying).rejects.toThrow('exited with code 3');
    await expect(waiting).rejects.toThrow('exited with code 3');
    expect(await thread.call('back')).toBe('hello back');
  });
});
