/**
 * Fake names. The named demo children's first names and surnames are left out on
 * purpose, so that "status Jordan" finds exactly the two Jordans the demo script expects.
 * Kept as comma-separated text so the lists stay readable at a glance.
 */

const list = (text: string): readonly string[] => text.split(",").map((s) => s.trim());

export const BOYS_NAMES = list(`Oliver, Harry, George, Noah, Jack, Leo, Oscar, Charlie, Jacob, Alfie,
  Freddie, Theo, Archie, Joshua, Mason, Ethan, Lucas, Logan, Riley, Dylan, Callum, Connor, Kieran, Liam,
  Reece, Bradley, Jayden, Kyle, Lewis, Ryan, Mohammed, Ibrahim, Yusuf, Ayaan, Zain, Arjun, Rohan, Daniel,
  Samuel, Adam, Kacper, Jakub, Filip, Tomasz, Kwame, Kofi, Tunde, Emeka, Malachi, Tyrese, Dante, Marley,
  Reggie, Finley, Harvey, Jenson, Louie, Ronnie, Stanley, Tommy`);

export const GIRLS_NAMES = list(`Olivia, Amelia, Isla, Ava, Mia, Ivy, Lily, Freya, Poppy, Grace, Ella,
  Evie, Sophie, Chloe, Ruby, Daisy, Millie, Jessica, Holly, Megan, Courtney, Chelsea, Paige, Shannon,
  Jade, Kayla, Tia, Demi, Skye, Summer, Aisha, Fatima, Maryam, Zara, Hafsa, Priya, Anaya, Simran, Hannah,
  Sarah, Zuzanna, Maja, Lena, Oliwia, Ama, Adwoa, Chioma, Ngozi, Keisha, Shanice, Nevaeh, Willow, Harper,
  Rosie, Bella, Erin, Maisie, Lacey, Tilly, Esme`);

export const SURNAMES = list(`Jones, Williams, Taylor, Brown, Davies, Wilson, Johnson, Roberts,
  Robinson, Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Patel,
  Jackson, Wood, Turner, Martin, Cooper, Hill, Ward, Hussain, Ali, Ahmed, Begum, Shah, Singh, Kaur,
  Mahmood, Iqbal, Rahman, Okafor, Mensah, Adeyemi, Owusu, Boateng, Campbell, Francis, Grant, Richards,
  Barnes, Kowalski, Nowak, Wisniewski, Lewandowski, Murphy, Kelly, O'Brien, Doyle, McCarthy, Baker,
  Carter, Mitchell, Parker, Bennett, Cook, Bailey, Bell, Collins, Fisher, Gray, Harrison, Holmes, Kennedy,
  Lloyd, Marshall, Mason, Palmer, Pearson, Phillips, Powell, Price, Russell, Shaw, Simpson, Stevens,
  Stewart, Watson, Webb, Wells, Young, Knight, Chapman, Fletcher, Foster, Gibson, Hunt, Lee, Mills, Rose`);

/** School name stems, one per school; the phase decides the suffix (see schools.ts). */
export const SCHOOL_STEMS = list(`Oakfield, Riverside, Hollybrook, Meadowbank, Ashgrove, Brookside,
  Castle Hill, Elmwood, Fairfield, Greenacre, Hazelwood, Kingsmead, Larkrise, Millbrook, Northgate,
  Orchard Vale, Parkside, Queensway, Redhill, Southfields, Thornbury, Willowdale, Westbrook, Beacon Hill,
  Highcliffe, Lime Tree, Moorland, Harbourside, Fernhill, Stonebridge, Bramley, Chestnut Grove, Foxwood,
  Juniper, Lyndhurst, Marlowe, Newlands, Rosewood, Sandpiper, Tanners Brook, Little Oaks, Acorn Tree,
  Kingsway, Hawthorn, Riverbank`);

/** First names for designated teachers (the VSH, social workers and IROs are fixed). */
export const ADULT_FIRST_NAMES = list(`Alison, Andrew, Angela, Anthony, Catherine, Claire, Colin,
  Deborah, Dominic, Elaine, Emma, Gareth, Gemma, Ian, Jane, Jonathan, Julie, Karen, Kevin, Laura, Lisa,
  Mark, Michelle, Natalie, Neil, Nicola, Paul, Philippa, Rebecca, Richard, Ruth, Samina, Shabana, Simon,
  Stephen, Susan, Tariq, Vanessa, Victoria, Yvonne`);
