/**
 * "log rang carer about Jordan's absence, follow up Friday": a dialog that finds the
 * child, the follow-up date and the category, asks for whatever is missing, shows a
 * confirmation card (Save / Edit / Cancel) and saves. Its state is the dialog's own
 * state, kept by ConversationState in the database, so the next turn may reach any
 * instance, after any restart.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from "botbuilder-dialogs";
import { childChoiceCard, logConfirmCard, logSavedCard } from "../../cards/index.js";
import { VERBS, verbPayloadSchema } from "../../cards/verbs.js";
import { type ActionCategory, guessActionCategory } from "../../core/actions/category.js";
import { displayName } from "../../core/children/mentions.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { parseCommand, parseLogText } from "../nlu.js";
import type { HandlerContext, Reply } from "../reply.js";
import { logConfirmView } from "../views.js";

export const LOG_DIALOG_ID = "logAction";

type Child = { id: number; firstName: string; lastName: string };

type Draft = {
  text: string;
  category: ActionCategory;
  followUpDate: IsoDate | null;
  child: Child | null;
  awaiting: "text" | "child" | "confirm";
};

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
    Object.assign(draft, { text: "", category: "other", followUpDate: null, child: null, awaiting: "text" });
    return this.withText(dc, draft, options?.text ?? "");
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const draft = dc.activeDialog?.state as Draft;
    const activity = dc.context.activity;
    const submitted = verbPayloadSchema.safeParse(activity.value);
    if (submitted.success) {
      const payload = submitted.data;
      switch (payload.verb) {
        case VERBS.saveLog:
          return this.save(dc, draft);
        case VERBS.cancelLog:
          await this.deps.send(dc, { text: "OK, nothing was saved." });
          return dc.endDialog({ passThrough: false } satisfies LogDialogResult);
        case VERBS.editLog:
          return this.withText(dc, draft, payload.text ?? draft.text, draft.child);
        case VERBS.chooseLogChild:
          return this.withChild(dc, draft, payload.childId);
        default:
          // A button from another card (e.g. a status card): leave the draft and let it run.
          return dc.endDialog({ passThrough: true } satisfies LogDialogResult);
      }
    }
    const text = activity.text ?? "";
    const command = parseCommand(text);
    if (command.kind !== "unknown" && command.kind !== "log") {
      await this.deps.send(dc, { text: "I've set that note aside without saving it." });
      return dc.endDialog({ passThrough: true } satisfies LogDialogResult);
    }
    if (command.kind === "log") {
      // A fresh "log …" replaces the unsaved draft.
      Object.assign(draft, { child: null, awaiting: "text" });
      return this.withText(dc, draft, command.text);
    }
    if (/^(cancel|stop|never ?mind)\b/i.test(text.trim())) {
      await this.deps.send(dc, { text: "OK, nothing was saved." });
      return dc.endDialog({ passThrough: false } satisfies LogDialogResult);
    }
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
    Object.assign(draft, {
      text: parsed.text,
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

  private async confirm(dc: DialogContext, draft: Draft, child: Child) {
    draft.child = { id: child.id, firstName: child.firstName, lastName: child.lastName };
    draft.awaiting = "confirm";
    await this.deps.send(dc, { card: logConfirmCard(logConfirmView(child, draft)) });
    return Dialog.EndOfTurn;
  }

  private async save(dc: DialogContext, draft: Draft) {
    const ctx = this.deps.context(dc);
    if (!draft.child || draft.awaiting !== "confirm") {
      await this.deps.send(dc, { text: "There's nothing to save yet." });
      return Dialog.EndOfTurn;
    }
    const input = {
      text: draft.text,
      category: draft.category,
      ...(draft.followUpDate ? { followUpDate: draft.followUpDate } : {}),
    };
    await ctx.services.actions.log(ctx.actor, draft.child.id, input, "bot");
    const model = {
      ...logConfirmView(draft.child, draft),
      by: ctx.actor.name,
      tabUrl: ctx.links.child(draft.child.id),
    };
    await this.deps.send(dc, { card: logSavedCard(model) });
    return dc.endDialog({ passThrough: false } satisfies LogDialogResult);
  }
}
