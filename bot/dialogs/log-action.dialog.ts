/**
 * "log rang carer about Jordan's absence, follow up Friday": a dialog that finds the
 * child, when it happened, the follow-up (only a cued date: nlu.ts parseLogText) and the
 * category, asks for whatever is missing, shows a confirmation card (Save / Edit /
 * Cancel) that questions an odd follow-up, and saves. The card is one message, updated in
 * place: Edit redraws it, Save or Cancel replace it with the outcome, so no live buttons
 * are left behind. Its state is the dialog's own state, kept by ConversationState in the
 * database, so the next turn may reach any instance, after any restart.
 */
import { CardFactory, MessageFactory } from "botbuilder";
import { Dialog, type DialogContext, type DialogTurnResult } from "botbuilder-dialogs";
import { type AdaptiveCard, childChoiceCard, logConfirmCard, logSavedCard } from "../../cards/index.js";
import { VERBS, verbPayloadSchema } from "../../cards/verbs.js";
import { logConfirmView, logOutcomeView } from "../../cards/views/log-views.js";
import { type ActionCategory, guessActionCategory } from "../../core/actions/category.js";
import { followUpQuestionsFor } from "../../core/actions/log-dates.js";
import { displayName } from "../../core/children/mentions.js";
import { type IsoDate, londonDateOf } from "../../core/platform/dates.js";
import { DomainError } from "../../core/platform/errors.js";
import { isChitChat, questionCommand } from "../handlers/questions.js";
import { parseCommand, parseLogText, startsWithCancel } from "../nlu.js";
import type { HandlerContext, Reply } from "../reply.js";
import { ACTION_TEXT_MAX, type LogEdit, logEditSchema, tooLong } from "./log-edit.js";

export const LOG_DIALOG_ID = "logAction";

type Child = { id: number; firstName: string; lastName: string };

type Draft = {
  text: string;
  category: ActionCategory;
  /** When it happened (today unless the words said otherwise). */
  actionDate: IsoDate;
  followUpDate: IsoDate | null;
  child: Child | null;
  awaiting: "text" | "child" | "confirm";
  /** The confirmation card's message, updated in place; null before one is sent. */
  cardId: string | null;
};

/** After thanks or small talk, what the dialog is still waiting for: the note is not saved yet. */
const STILL_WAITING: Record<Draft["awaiting"], string> = {
  confirm: "Your note isn't saved yet: press Save on the card above, or Cancel.",
  child: "Your note isn't saved yet: which child is it about? Type their name, or “cancel”.",
  text: "What did you do, and for which child? Or type “cancel”.",
};

/** How many children the Edit form offers to choose from. */
const EDIT_CHOICES = 50;

/** The end of the dialog when the person typed another command instead of answering. */
export type LogDialogResult = { passThrough: boolean };

type Deps = {
  context(dc: DialogContext): HandlerContext;
  send(dc: DialogContext, reply: Reply): Promise<void>;
};

export class LogActionDialog extends Dialog<{ text: string }> {
  constructor(private readonly deps: Deps) {
    super(LOG_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext, options?: { text: string }): Promise<DialogTurnResult> {
    const draft = dc.activeDialog?.state as Draft;
    Object.assign(draft, {
      text: "",
      category: "other",
      actionDate: londonDateOf(this.deps.context(dc).now),
      followUpDate: null,
      child: null,
      awaiting: "text",
      cardId: null,
    });
    return this.withText(dc, draft, options?.text ?? "");
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const draft = dc.activeDialog?.state as Draft;
    const activity = dc.context.activity;
    // The Edit form with a note too long to keep: said so, and the draft and its card stay as they were.
    const edit = activity.value as { verb?: unknown; text?: unknown } | undefined;
    if (edit?.verb === VERBS.editLog && typeof edit.text === "string" && edit.text.trim().length > ACTION_TEXT_MAX) {
      await this.deps.send(dc, { text: tooLong(edit.text.trim().length) });
      return Dialog.EndOfTurn;
    }
    const submitted = verbPayloadSchema.safeParse(activity.value);
    if (submitted.success) {
      const payload = submitted.data;
      switch (payload.verb) {
        case VERBS.saveLog:
          return this.save(dc, draft);
        case VERBS.cancelLog:
          return this.dropped(dc, draft);
        case VERBS.editLog:
          return this.edited(dc, draft, logEditSchema.safeParse(activity.value).data ?? payload);
        case VERBS.chooseLogChild:
          return this.withChild(dc, draft, payload.childId);
        default:
          // A button from another card (e.g. a status card): leave the draft and let it run.
          return dc.endDialog({ passThrough: true } satisfies LogDialogResult);
      }
    }
    const text = activity.text ?? "";
    const command = parseCommand(text);
    // A bare name ("Tyler") answers the dialog's own question, it is not a new request.
    const bareName = command.kind === "question" && "bare" in command.question && command.question.bare === true;
    // "thanks", "how are you?": answered, and the draft and its card stay live (Save still works).
    if (command.kind === "question" && isChitChat(command.question)) {
      const answer = await questionCommand(this.deps.context(dc), command.question, text);
      await this.deps.send(dc, { text: [answer.text, STILL_WAITING[draft.awaiting]].filter(Boolean).join(" ") });
      return Dialog.EndOfTurn;
    }
    if (command.kind === "cancel") return this.dropped(dc, draft); // "cancel …" with more is read below
    if (command.kind !== "unknown" && command.kind !== "log" && !bareName) {
      await this.closeCard(dc, draft, "Set aside, not saved", "I've set that note aside without saving it.");
      return dc.endDialog({ passThrough: true } satisfies LogDialogResult);
    }
    if (command.kind === "log") {
      // A fresh "log …" replaces the unsaved draft (and its card's buttons).
      await this.closeCard(dc, draft, "Replaced by a new note, not saved");
      Object.assign(draft, { child: null, awaiting: "text", cardId: null });
      return this.withText(dc, draft, command.text);
    }
    if (startsWithCancel(text)) return this.dropped(dc, draft);
    if (draft.awaiting === "child") return this.childFromText(dc, draft, text);
    if (draft.awaiting === "text") return this.withText(dc, draft, text);
    await this.deps.send(dc, { text: "Press Save, Edit or Cancel on the card above, or type “cancel”." });
    return Dialog.EndOfTurn;
  }

  /** New words for the note: dates and category from the words; the child from them unless already chosen. */
  private async withText(dc: DialogContext, draft: Draft, raw: string, keepChild: Child | null = null) {
    const ctx = this.deps.context(dc);
    const parsed = parseLogText(raw, ctx.now);
    if (!parsed.text) {
      draft.awaiting = "text";
      await this.deps.send(dc, {
        text: "What did you do, and for which child? For example: “rang the carer about Jordan's absence, follow up Friday”.",
      });
      return Dialog.EndOfTurn;
    }
    if (parsed.text.length > ACTION_TEXT_MAX) {
      // Nothing is kept: a live card keeps its note, otherwise the dialog waits for a shorter one.
      await this.deps.send(dc, { text: tooLong(parsed.text.length) });
      return Dialog.EndOfTurn;
    }
    Object.assign(draft, {
      text: parsed.text,
      actionDate: parsed.actionDate ?? londonDateOf(ctx.now),
      followUpDate: parsed.followUpDate,
      category: guessActionCategory(parsed.text),
    });
    const mentioned = await ctx.services.children.mentionedIn(ctx.actor, parsed.text);
    const child = mentioned.length === 1 ? (mentioned[0] ?? null) : keepChild;
    if (child) return this.confirm(dc, draft, child);
    return this.askForChild(dc, draft, mentioned);
  }

  private async askForChild(dc: DialogContext, draft: Draft, candidates: Child[]) {
    draft.awaiting = "child";
    if (candidates.length > 1) {
      const card = childChoiceCard({
        prompt: "Which child is this about?",
        verb: VERBS.chooseLogChild,
        choices: candidates.slice(0, 10).map((c) => ({ childId: c.id, label: displayName(c) })),
      });
      await this.deps.send(dc, { card });
    } else {
      await this.deps.send(dc, { text: "Which child is this about? Type their name." });
    }
    return Dialog.EndOfTurn;
  }

  private async childFromText(dc: DialogContext, draft: Draft, text: string) {
    const ctx = this.deps.context(dc);
    const { items } = await ctx.services.children.search(ctx.actor, { q: text.trim(), limit: 10, offset: 0 });
    const [only] = items;
    if (items.length === 1 && only) return this.confirm(dc, draft, only);
    if (items.length === 0) {
      // Children outside their scope who answer to the name: audited as refused, by id.
      await ctx.services.children.refusedByName(ctx.actor, text);
      await this.deps.send(dc, {
        text: `I couldn't find a child matching “${text.trim()}” among the children you work with. Type another name, or “cancel”.`,
      });
      return Dialog.EndOfTurn;
    }
    return this.askForChild(dc, draft, items);
  }

  private async withChild(dc: DialogContext, draft: Draft, childId: number) {
    const ctx = this.deps.context(dc);
    const child = await ctx.services.children.named(ctx.actor, childId);
    if (!child) return this.askForChild(dc, draft, []);
    return this.confirm(dc, draft, child);
  }

  /** The Edit form: each field given replaces the draft's; new words with no dates given are read again. */
  private async edited(dc: DialogContext, draft: Draft, edit: Partial<LogEdit>) {
    const ctx = this.deps.context(dc);
    if (edit.text && edit.text !== draft.text && edit.actionDate === undefined && edit.followUpDate === undefined) {
      return this.withText(dc, draft, edit.text, draft.child);
    }
    let child = draft.child;
    if (edit.childId !== undefined && edit.childId !== child?.id) {
      child = await ctx.services.children.named(ctx.actor, edit.childId);
      if (!child) return this.askForChild(dc, draft, []);
    }
    Object.assign(draft, {
      ...(edit.text ? { text: edit.text } : {}),
      ...(edit.category ? { category: edit.category } : {}),
      ...(edit.actionDate ? { actionDate: edit.actionDate } : {}),
      ...(edit.followUpDate !== undefined ? { followUpDate: edit.followUpDate || null } : {}),
    });
    if (!child) return this.askForChild(dc, draft, []);
    return this.confirm(dc, draft, child);
  }

  private async confirm(dc: DialogContext, draft: Draft, child: Child) {
    const ctx = this.deps.context(dc);
    const today = londonDateOf(ctx.now);
    draft.child = { id: child.id, firstName: child.firstName, lastName: child.lastName };
    draft.awaiting = "confirm";
    const { services, actor } = ctx;
    const questions = draft.followUpDate
      ? await followUpQuestionsFor(services, actor, child.id, draft.followUpDate, today)
      : [];
    if (draft.actionDate > today) questions.unshift("The action date is in the future: say when it happened.");
    const { items } = await services.children.search(actor, { q: "", limit: EDIT_CHOICES, offset: 0 });
    const card = logConfirmCard(logConfirmView(draft.child, draft, today, questions, items));
    if (draft.cardId) await this.update(dc, draft.cardId, { card });
    else draft.cardId = (await dc.context.sendActivity(activityOf({ card })))?.id ?? null;
    return Dialog.EndOfTurn;
  }

  private async save(dc: DialogContext, draft: Draft) {
    const ctx = this.deps.context(dc);
    if (!draft.child || draft.awaiting !== "confirm") {
      await this.deps.send(dc, { text: "There's nothing to save yet." });
      return Dialog.EndOfTurn;
    }
    const today = londonDateOf(ctx.now);
    const input = {
      text: draft.text,
      category: draft.category,
      ...(draft.actionDate !== today ? { actionDate: draft.actionDate } : {}),
      ...(draft.followUpDate ? { followUpDate: draft.followUpDate } : {}),
    };
    try {
      await ctx.services.actions.log(ctx.actor, draft.child.id, input, "bot");
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation") throw error;
      // The card stays live: the person can Edit the date and Save again.
      await this.deps.send(dc, { text: `${error.message} Press Edit on the card to change it, or Cancel.` });
      return Dialog.EndOfTurn;
    }
    const outcome = { saved: true as const, by: ctx.actor.name, tabUrl: ctx.links.child(draft.child.id) };
    await this.replaceCard(dc, draft, { card: logSavedCard(logOutcomeView(draft.child, draft, today, outcome)) });
    return dc.endDialog({ passThrough: false } satisfies LogDialogResult);
  }

  /** Cancelled (the card's button, or said): the note is dropped, its card closed. */
  private async dropped(dc: DialogContext, draft: Draft): Promise<DialogTurnResult> {
    await this.closeCard(dc, draft, "Not saved", "OK, nothing was saved.");
    return dc.endDialog({ passThrough: false } satisfies LogDialogResult);
  }

  /** The live card, if any, becomes `heading` with no buttons; `text` is said as well. */
  private async closeCard(dc: DialogContext, draft: Draft, heading: string, text?: string) {
    if (!draft.cardId || !draft.child) {
      if (text) await this.deps.send(dc, { text });
      return;
    }
    const today = londonDateOf(this.deps.context(dc).now);
    const card = logSavedCard(logOutcomeView(draft.child, draft, today, { saved: false, heading }));
    // Teams refuses to update a message into text and a card at once (400, "multiple
    // activities"): the card changes, and the sentence comes as a message of its own.
    await this.replaceCard(dc, draft, { card });
    if (text) await this.deps.send(dc, { text });
  }

  /** The confirmation card's message becomes `reply`; without one, `reply` is sent. */
  private async replaceCard(dc: DialogContext, draft: Draft, reply: Reply) {
    if (draft.cardId) await this.update(dc, draft.cardId, reply);
    else await this.deps.send(dc, reply);
    draft.cardId = null;
  }

  private async update(dc: DialogContext, id: string, reply: Reply) {
    await dc.context.updateActivity({ ...activityOf(reply), id });
  }
}

function activityOf(reply: { text?: string; card?: AdaptiveCard }) {
  const activity = reply.card
    ? MessageFactory.attachment(CardFactory.adaptiveCard(reply.card))
    : MessageFactory.text(reply.text ?? "");
  if (reply.card && reply.text) activity.text = reply.text;
  return activity;
}
