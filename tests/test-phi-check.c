/* test-phi-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-phi-check"

#include "config.h"

#include <string.h>

#include "alcove-phi-check.h"
#include "alcove-test-utils.h"

/* text and the one finding expected in it; match NULL: no finding of any kind */
typedef struct
{
  const char *text;
  const char *match;
} Case;

#define WORDS_24 "I keep thinking that if I had just said something earlier none of this would " \
                 "have happened and everyone would still be talking to"
#define WORDS_25 WORDS_24 " me"

static const char * const client_names[] = {
  "Zoë Martin",
  "Zoë",
  "Ana-Lucía Pérez",
  "Jo",
  "J",
  "O’Brien",
  NULL
};

static char *
extract (const char          *text,
         const AlcoveFinding *finding)
{
  g_assert_cmpuint (finding->start, <, finding->end);
  g_assert_cmpuint (finding->end, <=, strlen (text));
  /* offsets fall on character boundaries */
  g_assert_true (g_utf8_validate (text + finding->start, finding->end - finding->start, NULL));
  return g_strndup (text + finding->start, finding->end - finding->start);
}

static char *
digits_only (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* The key is "<kind>:<16 lowercase hex>" and gives nothing of the match away. */
static void
assert_key_is_opaque (const AlcoveFinding *finding,
                      const char          *match)
{
  const char *nick = alcove_finding_kind_to_string (finding->kind);
  g_autofree char *prefix = g_strconcat (nick, ":", NULL);
  g_autofree char *digits = digits_only (match);
  const char *hex = finding->key + strlen (prefix);

  g_assert_true (g_str_has_prefix (finding->key, prefix));
  g_assert_cmpuint (strlen (hex), ==, 16);
  for (const char *p = hex; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
  g_assert_null (strstr (finding->key, match));
  if (strlen (digits) >= 4)
    g_assert_null (strstr (finding->key, digits));

  g_assert_nonnull (finding->reason);
  g_assert_cmpstr (finding->reason, !=, "");
  g_assert_null (strstr (finding->reason, match));
}

static void
check_cases (AlcoveFindingKind   kind,
             const Case         *cases,
             gsize               n_cases,
             const char * const *names)
{
  guint positives = 0, negatives = 0;

  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GPtrArray) findings = alcove_phi_check (cases[i].text, names);

      g_test_message ("%s: %s", alcove_finding_kind_to_string (kind), cases[i].text);
      if (cases[i].match == NULL)
        {
          for (guint j = 0; j < findings->len; j++)
            {
              AlcoveFinding *finding = g_ptr_array_index (findings, j);
              g_autofree char *found = extract (cases[i].text, finding);

              g_test_message ("unexpected %s finding: “%s”", finding->key, found);
            }
          g_assert_cmpuint (findings->len, ==, 0);
          negatives++;
        }
      else
        {
          AlcoveFinding *finding;
          g_autofree char *found = NULL;

          g_assert_cmpuint (findings->len, ==, 1);
          finding = g_ptr_array_index (findings, 0);
          found = extract (cases[i].text, finding);
          g_assert_cmpstr (found, ==, cases[i].match);
          g_assert_cmpint (finding->kind, ==, kind);
          assert_key_is_opaque (finding, cases[i].match);
          positives++;
        }
    }
  g_assert_cmpuint (positives, >=, 6);
  g_assert_cmpuint (negatives, >=, 6);
}

static void
test_phone (void)
{
  static const Case cases[] = {
    { "Call her on +61 412 345 678 after lunch.", "+61 412 345 678" },
    { "Brother in Ohio: +1 (555) 123-4567.", "+1 (555) 123-4567" },
    { "Father's number (555) 123-4567, evenings.", "(555) 123-4567" },
    { "She rang from 555-123-4567 twice.", "555-123-4567" },
    { "Old number 555.123.4567 disconnected.", "555.123.4567" },
    { "Mobile 0412 345 678.", "0412 345 678" },
    { "Mobile 0412345678.", "0412345678" },
    { "Mobile 04 1234 5678.", "04 1234 5678" },
    { "Work (02) 9123 4567 ext 2", "(02) 9123 4567" },
    { "Landline 03 9123 4567", "03 9123 4567" },
    { "London office +44 20 7946 0958", "+44 20 7946 0958" },
    { "Helpline 1800 123 456", "1800 123 456" },
    { "Zoë’s number is 0412 345 678", "0412 345 678" },
    /* clinical numbers that are not phone numbers */
    { "Rated anxiety 7/10 today.", NULL },
    { "Slept 6 hours; PHQ-9 score 14, GAD-7 score 12.", NULL },
    { "Seen on 12/03/2024, again on 2024-03-19 and 26.03.2024.", NULL },
    { "Session 3 of 12.", NULL },
    { "Took 50 mg sertraline, up from 25 mg.", NULL },
    { "In 2019 she moved interstate.", NULL },
    { "Weight 72.5 kg, BP 120/80, pulse 88.", NULL },
    { "K10 scores 32 28 24 19 over four weeks.", NULL },
    { "Short number 555-1234 only.", NULL },
    { "Scored +3 on item 9.", NULL },
    { "Doses 250 500 1000 mg tried in turn.", NULL },
    { "Between 10:30 and 11:45 on 3/4.", NULL },
  };

  check_cases (ALCOVE_FINDING_PHONE, cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_email (void)
{
  static const Case cases[] = {
    { "Email: jane.doe@example.com.", "jane.doe@example.com" },
    { "Wrote from j_smith+notes@mail.example.co.uk yesterday", "j_smith+notes@mail.example.co.uk" },
    { "<zoë.martin@exämple.org>", "zoë.martin@exämple.org" },
    { "CAPS@EXAMPLE.ORG sent the form", "CAPS@EXAMPLE.ORG" },
    { "Contact a-b@c-d.net, thanks", "a-b@c-d.net" },
    { "x1@y2.io", "x1@y2.io" },
    { "Café – naïve – write to dana@clinic.example.com.au", "dana@clinic.example.com.au" },
    { "She signs off as me@home.", NULL },
    { "Meet @ 3pm in room 2.", NULL },
    { "Runs a server at admin@localhost", NULL },
    { "Follows @janedoe online.", NULL },
    { "Typo x@y.z in the referral.", NULL },
    { "A score of 3@4.5 was noted.", NULL },
    { "Address foo@.com is broken.", NULL },
  };

  check_cases (ALCOVE_FINDING_EMAIL, cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_address (void)
{
  static const Case cases[] = {
    { "Lives at 12 Smith Street with her partner.", "12 Smith Street" },
    { "Moved to Unit 4/12 Ocean Parade, Coogee.", "Unit 4/12 Ocean Parade" },
    { "Moved to 4/12 Ocean Parade, Coogee.", "4/12 Ocean Parade" },
    { "Grew up at 221B Baker St in London.", "221B Baker St" },
    { "Works at 1600 Pennsylvania Avenue.", "1600 Pennsylvania Avenue" },
    { "Lives at 350 Fifth Ave Apt 3 now.", "350 Fifth Ave Apt 3" },
    { "Apt 3, 45 Elm Court is the new place.", "Apt 3, 45 Elm Court" },
    { "Office at 7 St Kilda Rd, Melbourne.", "7 St Kilda Rd" },
    { "Near 15 Old Pacific Hwy.", "15 Old Pacific Hwy" },
    { "Lives at 12 Ocean Dr, Coogee.", "12 Ocean Dr" },
    { "Zoë moved to 3 Rue Café Lane.", "3 Rue Café Lane" },
    { "Took 50 mg sertraline.", NULL },
    { "Session 3 of 12 on the St John ward.", NULL },
    { "Walked 3 blocks down the main street.", NULL },
    { "Referred on 3 March to Dr Lee.", NULL },
    { "In 2019 Dr Patel changed her dose.", NULL },
    { "Week 3 Review Dr Lee attended.", NULL },
    { "She lives on Smith Street.", NULL },
    { "Had 2 CT scans and an MRI.", NULL },
    { "Rated 7 Out Of 10 for mood.", NULL },
    { "Slept 6 hours.", NULL },
  };

  check_cases (ALCOVE_FINDING_STREET_ADDRESS, cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_government_id (void)
{
  static const Case cases[] = {
    { "SSN 123-45-6789 on the intake form.", "123-45-6789" },
    { "ssn: 078-05-1120", "078-05-1120" },
    { "Medicare 2123 45670 1 on file.", "2123 45670 1" },
    { "Medicare 2123456701.", "2123456701" },
    { "Medicare 2123 45670 1 2 (second on card).", "2123 45670 1 2" },
    { "Medicare 3325739463", "3325739463" },
    { "TFN 123 456 782 for the claim.", "123 456 782" },
    { "TFN 876543210.", "876543210" },
    { "Her old TFN is 45746282.", "45746282" },
    /* shapes that fail their rules */
    { "SSN 000-12-3456", NULL },
    { "SSN 666-12-3456", NULL },
    { "SSN 912-34-5678", NULL },
    { "SSN 123-00-4567", NULL },
    { "SSN 123-45-0000", NULL },
    { "Medicare 2123 45671 1 (check digit wrong).", NULL },
    { "Number 7123 45670 1 starts with 7.", NULL },
    { "TFN 123 456 789 (checksum wrong).", NULL },
    { "Code 11111111 and 000000000.", NULL },
    /* clinical numbers */
    { "PHQ-9 score 14, session 3 of 12.", NULL },
    { "Admitted 20190115, discharged 02012019.", NULL },
    { "On 12/03/2024 took 50 mg.", NULL },
    { "Ref 123456789 is not a TFN.", NULL },
  };

  check_cases (ALCOVE_FINDING_GOVERNMENT_ID, cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_long_quote (void)
{
  static const Case cases[] = {
    { "She said \"" WORDS_25 "\" and left.", "\"" WORDS_25 "\"" },
    { "She said “" WORDS_25 ", honestly.” Then cried.", "“" WORDS_25 ", honestly.”" },
    { "\"" WORDS_24 "\nme\"", "\"" WORDS_24 "\nme\"" },
    { "Zoë – naïve – said “Ça " WORDS_24 "”.", "“Ça " WORDS_24 "”" },
    { "He said \"fine\" then \"" WORDS_25 "\".", "\"" WORDS_25 "\"" },
    { "“" WORDS_24 " — me.”", "“" WORDS_24 " — me.”" },
    { "She said \"" WORDS_24 "\" and left.", NULL },
    { "She said \"I feel fine\" today.", NULL },
    { "He said \"" WORDS_25 " and never finished.", NULL },
    { "\"Short.\n\n" WORDS_25 "\"", NULL },
    { "“" WORDS_25 "\" mismatched marks", NULL },
    { "She said \"ok\". " WORDS_25 " " WORDS_25 ".", NULL },
    { "She said \"" WORDS_24 " — \" and left.", NULL },
  };

  check_cases (ALCOVE_FINDING_LONG_QUOTE, cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_other_client (void)
{
  static const Case cases[] = {
    { "Mentioned Zoë Martin from group.", "Zoë Martin" },
    { "Zoe came up again.", "Zoe" },
    { "Then ZOË said no.", "ZOË" },
    { "Spoke of Zoe\xcc\x88 (combining mark) again.", "Zoe\xcc\x88" },
    { "Talked about Ana-Lucia Perez.", "Ana-Lucia Perez" },
    { "Zoë’s sister called.", "Zoë" },
    { "Saw zoë  martin in the lobby.", "zoë  martin" },
    { "Saw Zoë\nMartin in the lobby.", "Zoë\nMartin" },
    { "Jo was there.", "Jo" },
    { "Met O'Brien briefly.", "O'Brien" },
    { "Zoey is her cat.", NULL },
    { "Mentioned zoology.", NULL },
    { "J said nothing.", NULL },
    { "Joanne phoned.", NULL },
    { "Martin alone is not on the list.", NULL },
    { "Ana-Lucía is not the full name.", NULL },
    { "Zoëlle is a different name.", NULL },
  };

  check_cases (ALCOVE_FINDING_OTHER_CLIENT, cases, G_N_ELEMENTS (cases), client_names);
}

static void
test_no_names (void)
{
  g_autoptr(GPtrArray) findings = alcove_phi_check ("Zoë Martin came.", NULL);
  static const char * const empty[] = { NULL };
  g_autoptr(GPtrArray) none = alcove_phi_check ("Zoë Martin came.", empty);
  g_autoptr(GPtrArray) blank = alcove_phi_check ("", client_names);

  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_checksums (void)
{
  static const struct
  {
    const char *valid;
    const char *invalid;
  } pairs[] = {
    { "2123 45670 1", "2123 45679 1" },   /* Medicare: check digit */
    { "2123 45670 1", "2123 45760 1" },   /* Medicare: two digits swapped */
    { "5712704513", "5712704523" },
    { "123 456 782", "123 456 783" },     /* TFN, 9 digits */
    { "123 456 782", "123 465 782" },
    { "570178216", "570178217" },
    { "45746282", "45746283" },           /* TFN, 8 digits */
    { "89343270", "89343271" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *valid = g_strdup_printf ("number %s here", pairs[i].valid);
      g_autofree char *invalid = g_strdup_printf ("number %s here", pairs[i].invalid);
      g_autoptr(GPtrArray) found = alcove_phi_check (valid, NULL);
      g_autoptr(GPtrArray) rejected = alcove_phi_check (invalid, NULL);

      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (((AlcoveFinding *) g_ptr_array_index (found, 0))->kind, ==,
                       ALCOVE_FINDING_GOVERNMENT_ID);
      g_assert_cmpuint (rejected->len, ==, 0);
    }
}

static void
test_utf8_offsets (void)
{
  /* characters of 2, 3 and 4 bytes before every match */
  const char *text = "Zoë’s café — naïve 😀 call 0412 345 678 or mail zoë@example.org; "
                     "Renée lives at 9 Élan Street; TFN 123 456 782; Zoë Martin ✓";
  const struct
  {
    AlcoveFindingKind kind;
    const char *match;
  } want[] = {
    { ALCOVE_FINDING_OTHER_CLIENT, "Zoë" },
    { ALCOVE_FINDING_PHONE, "0412 345 678" },
    /* the e-mail address, not the shorter "zoë" at its start */
    { ALCOVE_FINDING_EMAIL, "zoë@example.org" },
    { ALCOVE_FINDING_STREET_ADDRESS, "9 Élan Street" },
    { ALCOVE_FINDING_GOVERNMENT_ID, "123 456 782" },
    { ALCOVE_FINDING_OTHER_CLIENT, "Zoë Martin" },
  };
  g_autoptr(GPtrArray) findings = alcove_phi_check (text, client_names);

  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < findings->len; i++)
    {
      AlcoveFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *found = extract (text, finding);

      g_assert_cmpint (finding->kind, ==, want[i].kind);
      g_assert_cmpstr (found, ==, want[i].match);
      /* the byte offset of the expected text, found independently */
      g_assert_cmpuint (finding->start, ==, strstr (text + (i == 0 ? 0 : 1), want[i].match) - text);
    }
}

static void
test_order_and_overlap (void)
{
  const char *text = "Ring 0412 345 678. She said \"call me on 0412 345 678 " WORDS_24 "\". "
                     "Zoë Martin, 12 Smith Street, zoe.martin@example.com, Zoë.";
  static const char * const names[] = { "Zoë", "Zoë Martin", "zoe", NULL };
  g_autoptr(GPtrArray) findings = alcove_phi_check (text, names);
  const struct
  {
    AlcoveFindingKind kind;
    const char *match;
  } want[] = {
    { ALCOVE_FINDING_PHONE, "0412 345 678" },
    /* the quotation starts earlier and holds the second phone number */
    { ALCOVE_FINDING_LONG_QUOTE, "\"call me on 0412 345 678 " WORDS_24 "\"" },
    /* the full name, not "Zoë" inside it */
    { ALCOVE_FINDING_OTHER_CLIENT, "Zoë Martin" },
    { ALCOVE_FINDING_STREET_ADDRESS, "12 Smith Street" },
    /* the e-mail address, not "zoe" at its start */
    { ALCOVE_FINDING_EMAIL, "zoe.martin@example.com" },
    { ALCOVE_FINDING_OTHER_CLIENT, "Zoë" },
  };
  gsize previous_end = 0;

  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < findings->len; i++)
    {
      AlcoveFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *found = extract (text, finding);

      g_assert_cmpuint (finding->start, >=, previous_end);
      previous_end = finding->end;
      g_assert_cmpint (finding->kind, ==, want[i].kind);
      g_assert_cmpstr (found, ==, want[i].match);
    }
}

static void
test_keys (void)
{
  g_autoptr(GPtrArray) first = alcove_phi_check ("Call 0412 345 678 or zoë@example.org.", NULL);
  g_autoptr(GPtrArray) again = alcove_phi_check ("Call 0412 345 678 or zoë@example.org.", NULL);
  g_autoptr(GPtrArray) moved = alcove_phi_check ("New text first. Mobile 0412345678; "
                                                 "ZOË@EXAMPLE.ORG", NULL);
  g_autoptr(GPtrArray) other = alcove_phi_check ("Call 0412 345 679.", NULL);
  g_autoptr(GPtrArray) names1 = alcove_phi_check ("Zoë Martin", client_names);
  g_autoptr(GPtrArray) names2 = alcove_phi_check ("zoe   MARTIN", client_names);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "0412345678", -1);
  g_autofree char *expected = g_strdup_printf ("phone:%.16s", hash);
  AlcoveFinding *phone, *email;

  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (moved->len, ==, 2);
  g_assert_cmpuint (other->len, ==, 1);
  phone = g_ptr_array_index (first, 0);
  email = g_ptr_array_index (first, 1);

  /* the documented form: the kind, then SHA-256 of the digits */
  g_assert_cmpstr (phone->key, ==, expected);
  assert_key_is_opaque (phone, "0412 345 678");
  assert_key_is_opaque (email, "zoë@example.org");
  g_assert_true (g_str_has_prefix (email->key, "email:"));

  /* stable across calls, positions, spacing and case */
  g_assert_cmpstr (phone->key, ==, ((AlcoveFinding *) g_ptr_array_index (again, 0))->key);
  g_assert_cmpstr (email->key, ==, ((AlcoveFinding *) g_ptr_array_index (again, 1))->key);
  g_assert_cmpstr (phone->key, ==, ((AlcoveFinding *) g_ptr_array_index (moved, 0))->key);
  g_assert_cmpstr (email->key, ==, ((AlcoveFinding *) g_ptr_array_index (moved, 1))->key);
  g_assert_cmpstr (((AlcoveFinding *) g_ptr_array_index (names1, 0))->key, ==,
                   ((AlcoveFinding *) g_ptr_array_index (names2, 0))->key);
  g_assert_true (g_str_has_prefix (((AlcoveFinding *) g_ptr_array_index (names1, 0))->key,
                                   "other-client:"));

  /* another number, another key */
  g_assert_cmpstr (phone->key, !=, ((AlcoveFinding *) g_ptr_array_index (other, 0))->key);
}

static void
test_kinds (void)
{
  static const char * const nicks[] = {
    "phone", "email", "address", "government-id", "quote", "other-client",
  };

  for (guint kind = ALCOVE_FINDING_PHONE; kind <= ALCOVE_FINDING_OTHER_CLIENT; kind++)
    {
      const char *title = alcove_finding_kind_get_title (kind);

      g_assert_cmpstr (alcove_finding_kind_to_string (kind), ==, nicks[kind]);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
    }
}

static void
test_autoptr (void)
{
  g_autoptr(AlcoveFinding) finding = g_new0 (AlcoveFinding, 1);

  finding->reason = g_strdup ("reason");
  finding->key = g_strdup ("phone:0000000000000000");
  alcove_finding_free (NULL);
}

int
main (int    argc,
      char **argv)
{
  alcove_test_init (&argc, &argv);

  g_test_add_func ("/phi-check/phone", test_phone);
  g_test_add_func ("/phi-check/email", test_email);
  g_test_add_func ("/phi-check/address", test_address);
  g_test_add_func ("/phi-check/government-id", test_government_id);
  g_test_add_func ("/phi-check/long-quote", test_long_quote);
  g_test_add_func ("/phi-check/other-client", test_other_client);
  g_test_add_func ("/phi-check/no-names", test_no_names);
  g_test_add_func ("/phi-check/checksums", test_checksums);
  g_test_add_func ("/phi-check/utf8-offsets", test_utf8_offsets);
  g_test_add_func ("/phi-check/order-and-overlap", test_order_and_overlap);
  g_test_add_func ("/phi-check/keys", test_keys);
  g_test_add_func ("/phi-check/kinds", test_kinds);
  g_test_add_func ("/phi-check/autoptr", test_autoptr);

  return g_test_run ();
}
