import { type Answer, checkAnswer } from "../../src/engine/index";

const options: Extract<Answer, { type: "one-of" | "several-of" }>["options"] = [
  { value: "alone", label: { es: "Solo", en: "Alone" } },
  { value: "family", label: { es: "Familia", en: "Family" } },
];

describe("checkAnswer", () => {
  it.each<[string, Answer, unknown]>([
    ["yes-no", { type: "yes-no" }, false],
    ["consent", { type: "consent", covers: ["gbv"] }, true],
    ["one-of", { type: "one-of", options }, "family"],
    ["several-of", { type: "several-of", options }, ["alone", "family"]],
    ["several-of, none chosen", { type: "several-of", options }, []],
    ["number", { type: "number", min: 0, max: 120 }, 0],
    ["number at its max", { type: "number", min: 0, max: 120 }, 120],
    ["a double", { type: "number", integer: false }, 28.5],
    ["date", { type: "date" }, "2024-02-29"],
    ["datetime in UTC", { type: "datetime" }, "2024-03-01T06:00:00Z"],
    ["datetime with an offset", { type: "datetime" }, "2024-03-01T01:00:00-05:00"],
    ["datetime with fractions", { type: "datetime" }, "2024-03-01T06:00:00.250Z"],
    ["duration", { type: "duration", unit: "hours" }, 0],
    ["text", { type: "text", maxLength: 5 }, "hello"],
  ])("accepts %s", (_, answer, value) => {
    expect(checkAnswer(answer, value)).toBeUndefined();
  });

  it.each<[string, Answer, unknown, string]>([
    ["a string for yes-no", { type: "yes-no" }, "yes", "the answer must be yes or no."],
    ["null for consent", { type: "consent", covers: ["gbv"] }, null, "the answer must be yes or no."],
    ["an unknown option", { type: "one-of", options }, "friends", "the answer must be one of alone, family."],
    ["a list for one-of", { type: "one-of", options }, ["alone"], "the answer must be one of alone, family."],
    ["a string for several-of", { type: "several-of", options }, "alone", "the answer must be a list of options."],
    [
      "unknown options",
      { type: "several-of", options },
      ["x", "y"],
      '"x", "y" are not options; the options are alone, family.',
    ],
    [
      "an unknown option in a list",
      { type: "several-of", options },
      ["alone", "x"],
      '"x" is not an option; the options are alone, family.',
    ],
    ["an option twice", { type: "several-of", options }, ["alone", "alone"], "an option is chosen twice."],
    ["a numeric string", { type: "number" }, "15", "the answer must be a number."],
    ["NaN", { type: "number" }, Number.NaN, "the answer must be a number."],
    ["Infinity", { type: "number" }, Number.POSITIVE_INFINITY, "the answer must be a number."],
    ["a fraction for a whole number", { type: "number" }, 15.5, "the answer must be a whole number."],
    ["below the minimum", { type: "number", min: 0 }, -1, "the answer must be at least 0."],
    ["above the maximum", { type: "number", max: 120 }, 121, "the answer must be at most 120."],
    [
      "a date in another form",
      { type: "date" },
      "01/03/2024",
      "the answer must be a date that exists, like 2024-03-01.",
    ],
    [
      "a day that does not exist",
      { type: "date" },
      "2023-02-29",
      "the answer must be a date that exists, like 2024-03-01.",
    ],
    [
      "a datetime as a date",
      { type: "date" },
      "2024-03-01T00:00:00Z",
      "the answer must be a date that exists, like 2024-03-01.",
    ],
    [
      "a datetime without its offset",
      { type: "datetime" },
      "2024-03-01T06:00:00",
      "the answer must be a date and time with its offset from UTC, like 2024-03-01T06:00:00Z or 2024-03-01T01:00:00-05:00.",
    ],
    [
      "a datetime on a day that does not exist",
      { type: "datetime" },
      "2024-04-31T06:00:00Z",
      "the answer must be a date and time",
    ],
    ["a datetime at hour 25", { type: "datetime" }, "2024-03-01T25:00:00Z", "the answer must be a date and time"],
    ["a negative duration", { type: "duration", unit: "days" }, -1, "the answer must be a number of days, 0 or more."],
    [
      "a duration over its max",
      { type: "duration", unit: "hours", max: 72 },
      73,
      "the answer must be at most 72 hours.",
    ],
    ["an empty text", { type: "text" }, "   ", "the answer must be a text."],
    ["a text too long", { type: "text", maxLength: 5 }, "hello!", "the answer is longer than 5 characters."],
    ["a text over the default 200", { type: "text" }, "x".repeat(201), "the answer is longer than 200 characters."],
  ])("refuses %s", (_, answer, value, reason) => {
    expect(checkAnswer(answer, value)).toEqual(expect.stringContaining(reason));
  });
});
