import { z } from "zod";

/** Path params and ids in bodies are ours (`pay-<uuid>`, uuids, idempotency keys): none is longer. */
export const ID_MAX_LENGTH = 128;

// Postgres refuses NUL in text (a 500 if it gets that far), and no id, name or address has a control character.
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTER_BUT_LINE_SPACING = /(?![\t\n\r])\p{Cc}/u;

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A one-line string: no control characters. `error` is the message for a missing or non-string value. */
export function text(error?: string) {
  return z.string({ error }).refine((s) => !CONTROL_CHARACTER.test(s), "must not contain control characters");
}

/** Free text such as a chat message: as `text`, but tabs and line breaks are allowed. */
export function multilineText(error?: string) {
  return z
    .string({ error })
    .refine((s) => !CONTROL_CHARACTER_BUT_LINE_SPACING.test(s), "must not contain control characters other than tabs and line breaks");
}

/** An id given by the client: a non-empty one-line string of at most ID_MAX_LENGTH characters. */
export function id(error?: string) {
  return text(error).min(1, error).max(ID_MAX_LENGTH, `must be at most ${ID_MAX_LENGTH} characters`);
}
