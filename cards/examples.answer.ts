/** Example view models for the answers to plain questions (the card tests run on them). Names are invented. */
import { TRICKY_TEXT } from "./examples.text.js";
import type { AnswerCardModel } from "./view-models.js";

/** A question answered, and a "did you mean" with a button per child; `tabUrl` as the status example's. */
export const answerExamples = (tabUrl: string | null): Record<"answer" | "answerDidYouMean", AnswerCardModel> => ({
  answer: {
    title: "Jordan S.: in school today?",
    answer: "No: Jordan S. is absent today at Oakfield Academy, and no reason is established yet.",
    tone: "Attention",
    facts: [
      { title: "Today", value: "AM N (reason not yet established) · PM not marked yet" },
      { title: "Unexplained absence", value: "3 school days running" },
    ],
    asks: [],
    statusChildId: 7,
    tabUrl,
  },
  answerDidYouMean: {
    title: "Did you mean Amira K. or Amir H.?",
    answer: `I couldn't find “Amria” among the children you work with. ${TRICKY_TEXT}`,
    tone: "Default",
    facts: [],
    asks: [
      { title: "Amira K. – Hillside Academy", text: "when is Amira Khan's next PEP?" },
      { title: "Amir H.", text: "when is Amir Hussain's next PEP?" },
    ],
    statusChildId: null,
    tabUrl: null,
  },
});
