/** The IRO's care-plan reviews coming up, each with a Brief button. */
export type ReviewsCardModel = {
  /** "Your reviews in the next four weeks", "Your reviews this week" */
  title: string;
  /** "Mon 23 Nov – Sun 20 Dec 2026: 3 reviews" */
  subtitle: string;
  reviews: {
    childId: number;
    displayName: string;
    school: string | null;
    /** "Wed 2 Dec 2026" */
    when: string;
    /** "Booked (statutory date 26 Dec 2026)", "Statutory date, not booked yet", "Overdue since 20 Nov 2026, not booked" */
    state: string;
    /** "PEP needed by Fri 27 Nov 2026", "The PEP held on 15 Jun 2026 serves it", or null. */
    pep: string | null;
    severity: "red" | "amber" | "default";
  }[];
  /** The reviews left off a long list: "And 79 more, from Tue 8 Dec 2026 to Sun 20 Dec 2026: …"; null when all are listed. */
  more: string | null;
  tabUrl: string | null;
};
