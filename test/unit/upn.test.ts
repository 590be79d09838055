import { describe, expect, it } from "vitest";
import { makeUpn, upnCheckLetter, upnSchema, validateUpn } from "../../core/children/upn.js";

/**
 * A second, independent reading of DOMAIN.md: weight characters 2–13 by their position,
 * digits as themselves, a letter as its index in the check table; sum mod 23 in the table.
 */
const TABLE = "ABCDEFGHJKLMNPQRTUVWXYZ";
function oracleCheckLetter(upn: string): string {
  let sum = 0;
  for (let position = 2; position <= 13; position++) {
    const ch = upn[position - 1] ?? "";
    sum += position * (ch >= "0" && ch <= "9" ? Number(ch) : TABLE.indexOf(ch));
  }
  return TABLE[sum % 23] ?? "?";
}

/** Deterministic pseudo-random bodies (no Math.random: failures must reproduce). */
function* bodies(count: number): Generator<string> {
  let seed = 20250901;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    const digits = Array.from({ length: 11 }, () => String(next() % 10)).join("");
    const last = i % 3 === 0 ? (TABLE[next() % 23] ?? "A") : String(next() % 10);
    yield digits + last;
  }
}

describe("upnCheckLetter", () => {
  it.each([
    ["004199988970", "T"],
    ["036180061941", "M"],
    ["092969852738", "W"],
    ["033764859835", "C"],
    ["041184542991", "Z"],
    ["051910639385", "R"],
    ["034811502612", "N"],
  ])("%s → %s", (body, letter) => {
    expect(upnCheckLetter(body)).toBe(letter);
  });

  it("agrees with an independent implementation on 500 bodies, temporary ones included", () => {
    for (const body of bodies(500)) expect(upnCheckLetter(body)).toBe(oracleCheckLetter(`?${body}`));
  });

  it.each(["05191063938", "0519106393855", "05191063938I", "A51910639385", "05191063938a"])(
    "refuses the malformed body %s",
    (body) => {
      expect(() => upnCheckLetter(body)).toThrow(RangeError);
    },
  );
});

describe("validateUpn", () => {
  it.each([
    ["T004199988970", "permanent"],
    ["M036180061941", "permanent"],
    ["W092969852738", "permanent"],
    ["C033764859835", "permanent"],
    ["Z041184542991", "permanent"],
    ["UN1", "unknown"],
    ["UN5", "unknown"],
  ])("%s is a valid %s UPN", (upn, kind) => {
    expect(validateUpn(upn)).toEqual({ ok: true, kind });
  });

  it.each([
    ["D051910639385", "UPN check letter should be R, not D"],
    ["L034811502612", "UPN check letter should be N, not L"],
  ])("the fake SSDA903 UPN %s fails: %s", (upn, reason) => {
    expect(validateUpn(upn)).toEqual({ ok: false, reason });
    expect(oracleCheckLetter(upn)).not.toBe(upn[0]);
  });

  it.each([
    ["", "UPN should be 13 characters long, but this one has 0"],
    ["T00419998897", "UPN should be 13 characters long, but this one has 12"],
    ["T0041999889700", "UPN should be 13 characters long, but this one has 14"],
    ["UN6", "UPN should be 13 characters long, but this one has 3"],
    ["un1", "UPN should be 13 characters long, but this one has 3"],
    ["I004199988970", "UPN cannot contain the letters I, O or S"],
    ["T00419998897O", "UPN cannot contain the letters I, O or S"],
    ["T0041999S8970", "UPN cannot contain the letters I, O or S"],
    ["t004199988970", 'UPN should start with a capital check letter, not "t"'],
    ["1004199988970", 'UPN should start with a capital check letter, not "1"'],
    ["T0041A9988970", 'UPN should have digits in places 2 to 12, but the 6th is "A"'],
    ["T00419998897a", 'UPN should end in a digit or a capital letter, not "a"'],
    ["T004199988971", "UPN check letter should be G, not T"],
  ])("%j: %s", (upn, reason) => {
    expect(validateUpn(upn)).toEqual({ ok: false, reason });
  });

  const valid = makeUpn(936, 2001, 25, 123);
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))("changing character %i of a valid UPN breaks it", (index) => {
    const ch = valid[index] ?? "0";
    const changed = valid.slice(0, index) + String((Number(ch) + 1) % 10) + valid.slice(index + 1);
    const check = validateUpn(changed);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toBe(
      `UPN check letter should be ${oracleCheckLetter(changed)}, not ${valid[0]}`,
    );
  });

  it("changing the check letter breaks it", () => {
    const other = valid[0] === "A" ? "B" : "A";
    expect(validateUpn(other + valid.slice(1)).ok).toBe(false);
  });

  it("agrees with the independent implementation on valid and invalid UPNs alike", () => {
    for (const body of bodies(300)) {
      for (const letter of ["A", "K", "Z"]) {
        const upn = letter + body;
        expect(validateUpn(upn).ok).toBe(oracleCheckLetter(upn) === letter);
      }
    }
  });
});

describe("makeUpn", () => {
  it.each([
    [936, 2001, 25, 123, "permanent"],
    ["201", "0001", "09", "001", "permanent"],
    [0, 0, 0, 0, "permanent"],
    [936, 2001, 25, "12A", "temporary"],
    [936, 2001, 25, "99Z", "temporary"],
  ] as const)("makeUpn(%s, %s, %s, %s) is a valid %s UPN", (la, estab, year, serial, kind) => {
    const upn = makeUpn(la, estab, year, serial);
    expect(upn).toHaveLength(13);
    expect(upn[0]).toBe(oracleCheckLetter(upn));
    expect(validateUpn(upn)).toEqual({ ok: true, kind });
  });

  it("lays the parts out as LA, establishment, year, serial", () => {
    expect(makeUpn(936, 2001, 25, 7).slice(1)).toBe("936200125007");
  });

  it.each([
    [1000, 1, 25, 1],
    [936, 12345, 25, 1],
    [936, 1, 125, 1],
    [936, 1, 25, 1000],
    [936, 1, 25, "1I2"],
    [936, 1, 25, "12O"],
    [-1, 1, 25, 1],
  ])("refuses makeUpn(%s, %s, %s, %s)", (la, estab, year, serial) => {
    expect(() => makeUpn(la, estab, year, serial)).toThrow(RangeError);
  });
});

describe("upnSchema", () => {
  it.each([
    [" t004199988970 ", "T004199988970"],
    ["un2", "UN2"],
  ])("cleans %j to %s", (raw, clean) => {
    expect(upnSchema.parse(raw)).toBe(clean);
  });

  it("reports the fault as the message", () => {
    const result = upnSchema.safeParse("D051910639385");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("UPN check letter should be R, not D");
  });

  it("rejects a non-string", () => {
    expect(upnSchema.safeParse(1234).success).toBe(false);
  });
});
