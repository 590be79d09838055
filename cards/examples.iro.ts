/** Example view model for the IRO's reviews card (the card tests run on it). Names and dates are invented. */
import { TRICKY_TEXT } from "./examples.text.js";
import type { ReviewsCardModel } from "./view-models.js";

export const reviewsExample: ReviewsCardModel = {
  title: "Your reviews in the next four weeks",
  subtitle: "Mon 23 Nov 2026 to Sat 19 Dec 2026: 3 reviews, soonest first. Tap Brief before the review.",
  reviews: [
    {
      childId: 7,
      displayName: "Jordan S.",
      school: "Oakfield Academy",
      when: "Fri 20 Nov 2026",
      state: "Overdue since 20 Nov 2026; not booked",
      pep: "New PEP was needed by Tue 17 Nov 2026",
      severity: "red",
    },
    {
      childId: 8,
      displayName: "Amira K.",
      school: null,
      when: "Wed 2 Dec 2026",
      state: "Booked (statutory date 26 Dec 2026)",
      pep: null,
      severity: "default",
    },
    {
      childId: 9,
      displayName: "Tyler B.",
      school: TRICKY_TEXT,
      when: "Mon 14 Dec 2026",
      state: "Statutory date, not booked yet",
      pep: "New PEP needed by Wed 9 Dec 2026",
      severity: "amber",
    },
  ],
  more: null,
  tabUrl: "https://vs.example.org/tab",
};
