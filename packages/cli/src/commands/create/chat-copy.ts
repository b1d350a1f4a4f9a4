// Every line the CLI itself says during a chat, in one table so a test can hold it to plain terms (SPEC §5.3):
// the Operator hears "project", never the developer words.

export const CHAT_COPY = {
  intro:
    'Answer in your own words and press Enter. To write more than one line, end a line with \\ and keep going. ' +
    'Press Ctrl-D to stop at any time: your answers are kept, and you can pick up later.',
  companionLabel: 'Companion › ',
  prompt: 'you › ',
  continuationPrompt: '    … ',
  thinking: 'Thinking…',
  pickingUp: 'Picking up where we left off.',
  answeringPending: "Your last message hasn't had a reply yet, so here it is.",
  alreadySetUp: 'This conversation has already set up its project.',
  stopped: 'Stopped before the project was set up. Your answers are kept.',
  continueWith: 'Continue with: {command}',
  messageSaved: 'Your message is kept. Continue with: {command}',
} as const;

/** A copy line with its `{placeholders}` filled in. */
export function chatCopy(key: keyof typeof CHAT_COPY, values: Record<string, string> = {}): string {
  return CHAT_COPY[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
