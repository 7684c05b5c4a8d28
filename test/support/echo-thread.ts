/** A thread module for the ThreadCalls tests: answers with what it was started with and asked, or dies when told to. */
export function echoThread(data: { greeting: string }): (input: string) => string {
  return (input) => {
    if (input === 'die') process.exit(3);
    if (input === 'throw') throw new Error('asked to fail');
    return `${data.greeting} ${input}`;
  };
}
