/** A failed turn's log line names the error, never what the dialog or the request held (bot/adapter.ts). */
import { describe, expect, it } from "vitest";
import { turnFailure } from "../../bot/adapter.js";

describe("turnFailure", () => {
  it("keeps the kind, message and cause, and drops the dialog's state and the request", () => {
    const cause = Object.assign(new Error("Activity resulted into multiple skype activities"), {
      name: "RestError",
      statusCode: 400,
      code: "BadSyntax",
      request: { body: '{"text":"rang Amira Khan\\u0027s carer"}' },
    });
    const error = Object.assign(new Error(cause.message), {
      name: "DialogContextError",
      error: cause,
      dialogContext: { stack: [{ state: { text: "rang Amira Khan's carer", child: { firstName: "Amira" } } }] },
    });
    const logged = JSON.stringify(turnFailure(error));
    expect(logged).not.toMatch(/Amira|carer/);
    expect(turnFailure(error)).toMatchObject({
      type: "DialogContextError",
      message: "Activity resulted into multiple skype activities",
      cause: { type: "RestError", statusCode: 400, code: "BadSyntax" },
    });
  });
});
