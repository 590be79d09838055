/** Shared by the card examples. */

/** Free text as a person might type it, including `${...}`, quotes, markdown and a newline. */
export const TRICKY_TEXT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the templating syntax is the point of this text.
  "Carer said \"he's fine\" — ${childId} ${if(true, 'x', 'y')} `tick` {{DATE(x)}}\nNext: **call** [school](https://example.org) \\n";
