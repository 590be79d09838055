/**
 * The Teams bot: routing only. It recognises the person (Teams aadObjectId → a
 * registered professional), keeps the conversation reference, and hands each message
 * to a handler or to the log dialog; handlers answer with a Reply.
 */
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type ConversationState,
  MessageFactory,
  type StatePropertyAccessor,
  TeamsActivityHandler,
  TurnContext,
} from "botbuilder";
import { type DialogContext, DialogSet, type DialogState, DialogTurnStatus } from "botbuilder-dialogs";
import {
  alertPayloadProblem,
  alertVerbSchema,
  digestVerbSchema,
  isAlertAnswer,
  VERBS,
  verbPayloadSchema,
} from "../cards/verbs.js";
import type { TabLinks } from "../cards/views/tab-links.js";
import type { Actor } from "../core/access/roles.js";
import { DomainError } from "../core/platform/errors.js";
import type { Services } from "../core/services.js";
import { LOG_DIALOG_ID, LogActionDialog, type LogDialogResult } from "./dialogs/log-action.dialog.js";
import { alertCardFor } from "./handlers/alert-actions.js";
import { alertsCommand } from "./handlers/alerts.js";
import { briefCommand, briefOf, caseloadCommand, statusCommand, statusOf } from "./handlers/children.js";
import { digestAction } from "./handlers/digest-actions.js";
import { namesAhead } from "./handlers/find-child.js";
import { helpReply, notRegisteredReply, sharedWelcomeReply, welcomeReply } from "./handlers/help.js";
import { isChitChat, nothingToCancel, notUnderstoodFor, questionCommand } from "./handlers/questions.js";
import { recordChosen, recordCommand } from "./handlers/records.js";
import { refusalReply } from "./handlers/refusals.js";
import { reviewsCommand } from "./handlers/reviews.js";
import { parseCommand } from "./nlu.js";
import type { ReferenceRepo } from "./references.repo.js";
import type { HandlerContext, Reply } from "./reply.js";

const HANDLER_CONTEXT = Symbol("handlerContext");

const privateOnly: Reply = {
  text: "Children's information is only shown in a one-to-one chat with me, never in a channel or group chat. Message me directly.",
};

/** A team channel or group chat is read by everyone in it: children's information only 1:1. */
const isShared = (context: TurnContext) =>
  (context.activity.conversation?.conversationType ?? "personal") !== "personal";

export type BotDeps = {
  services: Services;
  conversationState: ConversationState;
  references: ReferenceRepo;
  links: TabLinks;
};

export function toActivity(reply: Reply) {
  if (reply.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
    if (reply.text) activity.text = reply.text;
    return activity;
  }
  return MessageFactory.text(reply.text ?? "");
}

export class VirtualSchoolBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>("dialogState");
    this.dialogs = new DialogSet(this.dialogState).add(
      new LogActionDialog({
        context: (dc: DialogContext) => dc.context.turnState.get(HANDLER_CONTEXT) as HandlerContext,
        send: async (dc: DialogContext, reply: Reply) => {
          await dc.context.sendActivity(toActivity(reply));
        },
      }),
    );

    this.onMessage(async (context, next) => {
      await this.remember(context);
      const ctx = await this.handlerContext(context);
      if (!ctx) await context.sendActivity(toActivity(this.notRegistered()));
      else await this.answer(context, ctx);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
  }

  /** Universal Actions: an Action.Execute on an alert card. Answers with the card as it now is. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const message = (text: string): AdaptiveCardInvokeResponse => ({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: text as unknown as Record<string, unknown>,
    });
    // A refresh or a button in a channel or group chat would show the card to everyone in it.
    if (isShared(context)) return message(privateOnly.text ?? "");
    const ctx = await this.handlerContext(context);
    if (!ctx) return message(this.notRegistered().text ?? "");
    const raw = { ...(invokeValue.action.data ?? {}), verb: invokeValue.action.verb };
    try {
      const reply = await this.invoked(context, ctx, raw);
      if (!reply.card) return message(reply.text ?? "");
      return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: reply.card };
    } catch (error) {
      // A refusal is a sentence (and audited); anything else is a real failure for onTurnError.
      const sentence = await refusalReply(ctx, raw, error);
      if (!sentence) throw error;
      return message(sentence.text ?? "");
    }
  }

  /** A digest's button, or an alert card's: the card as it now is, or what the card needs. */
  private async invoked(context: TurnContext, ctx: HandlerContext, raw: Record<string, unknown>): Promise<Reply> {
    const digest = digestVerbSchema.safeParse(raw);
    if (digest.success) {
      const { digest: now, alert } = await digestAction(ctx, digest.data);
      // "Open and answer": the alert's own card below; the digest stays as it is.
      if (alert) await context.sendActivity(toActivity(alert));
      return now;
    }
    const payload = alertVerbSchema.safeParse(raw);
    // A date left empty or not a date, a rating not chosen: say what the card needs.
    if (!payload.success) return { text: alertPayloadProblem(raw) };
    return alertCardFor(ctx, payload.data);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async handlerContext(context: TurnContext): Promise<HandlerContext | null> {
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!aadObjectId) return null;
    let actor: Actor;
    try {
      actor = await this.deps.services.professionals.resolve({ aadObjectId }, "bot");
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
    const ctx = { services: this.deps.services, actor, links: this.deps.links, now: this.deps.services.clock.now() };
    context.turnState.set(HANDLER_CONTEXT, ctx);
    return ctx;
  }

  private async answer(context: TurnContext, ctx: HandlerContext): Promise<void> {
    // A card's button in a shared conversation: refused, unless it only asks as if typed (then as typed).
    const value = context.activity.value as { verb?: unknown } | undefined;
    if (isShared(context) && value != null && value.verb !== VERBS.ask) {
      await context.sendActivity(toActivity(privateOnly));
      return;
    }
    // "status Jordan" typed: the names are read while the dialog state is (not one after the other).
    const typed = value == null ? parseCommand(context.activity.text ?? "") : null;
    if ((typed?.kind === "status" || typed?.kind === "brief") && typed.query && !isShared(context)) {
      ctx.names = namesAhead(ctx, typed.query);
    }
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      const passThrough = (result.result as LogDialogResult | undefined)?.passThrough;
      if (result.status !== DialogTurnStatus.complete || !passThrough) return;
    }
    let reply: Reply | null;
    try {
      reply = await this.route(context, ctx, dc);
    } catch (error) {
      reply = await refusalReply(ctx, context.activity.value, error);
      if (!reply) throw error;
    }
    if (reply) await context.sendActivity(toActivity(reply));
  }

  /** One line per command: what was asked → who answers. */
  private async route(context: TurnContext, ctx: HandlerContext, dc: DialogContext): Promise<Reply | null> {
    // The Action.Submit fallbacks of a digest and of an alert card (clients without Universal Actions).
    const digest = digestVerbSchema.safeParse(context.activity.value);
    if (digest.success) {
      const { digest: now, alert } = await digestAction(ctx, digest.data);
      return alert ?? now;
    }
    const alertAnswer = alertVerbSchema.safeParse(context.activity.value);
    if (alertAnswer.success) return alertCardFor(ctx, alertAnswer.data);
    if (isAlertAnswer(context.activity.value)) return { text: alertPayloadProblem(context.activity.value) };
    const submitted = verbPayloadSchema.safeParse(context.activity.value);
    // A suggested question's button ("Did you mean Amira K.?"): answered as if typed.
    const asked = submitted.success && submitted.data.verb === VERBS.ask ? submitted.data.text : null;
    if (submitted.success && asked === null) {
      const payload = submitted.data;
      if (payload.verb === VERBS.openStatus) return statusOf(ctx, payload.childId);
      if (payload.verb === VERBS.openBrief) return briefOf(ctx, payload.childId);
      if (payload.verb === VERBS.caseloadPage) return caseloadCommand(ctx, payload.page);
      if (payload.verb === VERBS.recordChild) return recordChosen(ctx, payload);
      return { text: "That card has expired. Start again with “log …”." };
    }
    const command = parseCommand(asked ?? context.activity.text ?? "");
    // A team channel or group chat is read by everyone in it: children's data only 1:1.
    const shared = isShared(context);
    const chitChat = command.kind === "question" && isChitChat(command.question);
    if (shared && !chitChat && !["help", "greeting", "unknown", "cancel"].includes(command.kind)) return privateOnly;
    switch (command.kind) {
      case "status":
        return statusCommand(ctx, command.query);
      case "brief":
        return briefCommand(ctx, command.query);
      case "caseload":
        return caseloadCommand(ctx);
      case "alerts":
        return alertsCommand(ctx);
      case "reviews":
        return reviewsCommand(ctx, command.window);
      case "record":
        return recordCommand(ctx, command);
      case "log":
        await dc.beginDialog(LOG_DIALOG_ID, { text: command.text });
        return null;
      case "help":
        return helpReply(ctx.actor.role, ctx.links);
      case "cancel":
        return nothingToCancel;
      case "greeting":
        return shared ? sharedWelcomeReply : welcomeReply(ctx.actor.name, ctx.actor.role, ctx.links);
      case "question":
        return questionCommand(ctx, command.question, command.text);
      case "unknown":
        return notUnderstoodFor(ctx, command.text, shared);
    }
  }

  /** Teams sends both an installationUpdate and a conversationUpdate on install: welcome once. */
  private async welcome(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation.id;
    const known = await this.deps.references.exists(conversationId);
    const professionalId = await this.remember(context);
    if (known || !(await this.deps.references.claimWelcome(conversationId))) return;
    // A channel or group chat is read by everyone in it: a welcome there names no one.
    if (isShared(context)) {
      await context.sendActivity(toActivity(sharedWelcomeReply));
      return;
    }
    const ctx = professionalId === null ? null : await this.handlerContext(context);
    const reply = ctx ? welcomeReply(ctx.actor.name, ctx.actor.role, ctx.links) : this.notRegistered();
    await context.sendActivity(toActivity(reply));
  }

  /** Someone the Virtual School does not know: told whom to contact (VIRTUAL_SCHOOL_CONTACT). */
  private notRegistered(): Reply {
    return notRegisteredReply(this.deps.services.config.VIRTUAL_SCHOOL_CONTACT);
  }

  /** Stores the conversation reference, linked to the professional when they are known. */
  private async remember(context: TurnContext): Promise<number | null> {
    const activity = context.activity;
    const aadObjectId = activity.from?.aadObjectId ?? null;
    let professionalId: number | null = null;
    if (aadObjectId) {
      professionalId = await this.deps.services.professionals
        .resolve({ aadObjectId }, "bot")
        .then((a) => a.id)
        .catch(() => null);
    }
    // The activity id changes every message and is no use for proactive sends.
    const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null;
    await this.deps.references.save(
      {
        conversationId: activity.conversation.id,
        serviceUrl: activity.serviceUrl,
        tenantId: tenantId ?? activity.conversation.tenantId ?? null,
        aadObjectId,
        scope: activity.conversation.conversationType ?? "personal",
        reference,
      },
      professionalId,
    );
    return professionalId;
  }
}
