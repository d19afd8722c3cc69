/* alcove-phi-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-phi-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "alcove-phi-check.h"

/* The helper only advises, so every rule leans towards missing something rather than nagging
 * about "rated anxiety 7/10", "PHQ-9 score 14", "on 12/03/2024" or "took 50 mg". */

#define LONG_QUOTE_WORDS 25
#define MIN_PHONE_DIGITS 8
#define MAX_PHONE_DIGITS 15
#define MIN_NAME_CHARS   2
#define KEY_HEX_CHARS    16

/* Digit runs: not glued to another digit, not part of a date, decimal or a longer list of
 * numbers ("12/03/2024", "1.5", "+61 412 345 678"). */
#define NUMBER_BEFORE "(?<![0-9]|[0-9][.,/ -])"
#define NUMBER_AFTER  "(?![0-9]|[.,/ -][0-9])"

/* +61 412 345 678, +1 (555) 123-4567; (555) 123-4567, 555-123-4567, 555.123.4567;
 * 0412 345 678; (02) 9123 4567, 02 9123 4567; 1300 123 456. Separators inside a phone
 * number are single spaces, dots or hyphens, never slashes, so dates never match; numbers
 * followed by a unit ("250 500 1000 mg") are quantities. */
#define PHONE_PATTERN \
  "(?<![0-9A-Za-z+]|[0-9][.,/-])" \
  "(?:\\+[1-9][0-9]{0,2}(?:[ .-]?\\(?[0-9]{1,5}\\)?){2,6}" \
  "|(?:1[ .-])?(?:\\([2-9][0-9]{2}\\) ?|[2-9][0-9]{2}[ .-])[0-9]{3}[ .-][0-9]{4}" \
  "|(?:\\(0[2378]\\) ?|0[2378][ -]?)[2-9][0-9]{3}[ -]?[0-9]{4}" \
  "|04[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3}|04[ -]?[0-9]{4}[ -]?[0-9]{4}" \
  "|1[38]00[ -]?[0-9]{3}[ -]?[0-9]{3})" \
  "(?![0-9]|[.,/-][0-9])" \
  "(?! ?(?:%|(?:mg|mcg|µg|g|kg|ml|mL|l|L|hours?|hrs?|h|minutes?|mins?|days?|weeks?)\\b))"

#define EMAIL_PATTERN \
  "(?<![\\w.%+-])[\\w%+-](?:[\\w.%+-]*[\\w%+-])?" \
  "@(?:\\w(?:[\\w-]*\\w)?\\.)+[^\\W\\d_]{2,}(?![\\w-]|\\.\\w)"

/* [Unit 4/]12[-14] Capitalised Words Suffix[, Apt 3]; the suffixes are case-sensitive so
 * "12 CT scans" is not a court, and "Dr" before a capitalised word is a doctor ("week 3
 * Review Dr Lee"), not a drive. */
#define ADDRESS_PATTERN \
  "(?<![\\w/.,:-])" \
  "(?:(?:Unit|Apt|Apartment|Flat|Suite|Level)\\.?[ \\t]?[0-9]{1,4}[A-Za-z]?" \
  "(?:[ \\t]*[/,][ \\t]*|[ \\t]+))?" \
  "(?:[0-9]{1,4}[A-Za-z]?/)?[0-9]{1,5}[A-Za-z]?(?:-[0-9]{1,5}[A-Za-z]?)?" \
  "[ \\t]+(?:\\p{Lu}[\\p{L}'’-]*[ \\t]+){1,4}" \
  "(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr(?!\\.?[ \\t]+\\p{Lu})|Court|Ct" \
  "|Boulevard|Blvd|Place|Pl|Terrace|Tce|Way|Crescent|Cres|Parade|Highway|Hwy)\\b" \
  "(?:,?[ \\t]+(?:Apt|Apartment|Unit|Suite|Flat)\\.?[ \\t]?#?[0-9]{1,4}[A-Za-z]?\\b)?"

#define SSN_PATTERN      NUMBER_BEFORE "[0-9]{3}-[0-9]{2}-[0-9]{4}" NUMBER_AFTER
/* A Medicare number may be followed by the person's position on the card: "2123 45670 1 2". */
#define MEDICARE_PATTERN \
  NUMBER_BEFORE "(?:[2-6][0-9]{9}|[2-6][0-9]{3} [0-9]{5} [0-9])(?:[ /-][1-9])?" NUMBER_AFTER
#define TFN_PATTERN      NUMBER_BEFORE "(?:[0-9]{8,9}|[0-9]{3} [0-9]{3} [0-9]{3})" NUMBER_AFTER

/* A quotation stays within its paragraph: an unpaired mark must not swallow the note. */
#define QUOTE_PATTERN \
  "\"(?:[^\"\\n]++|\\n(?![ \\t]*\\n))*+\"" \
  "|“(?:[^“”\\n]++|\\n(?![ \\t]*\\n))*+”"

typedef struct
{
  GRegex *phone;
  GRegex *email;
  GRegex *address;
  GRegex *ssn;
  GRegex *medicare;
  GRegex *tfn;
  GRegex *quote;
} Patterns;

typedef void (*CandidateFunc) (const char *text,
                               gsize       start,
                               gsize       end,
                               GPtrArray  *findings);

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);

  /* The patterns are constants: a failure is a bug in this file, caught by the tests. */
  if (regex == NULL)
    g_error ("Could not compile a pattern: %s", error->message);
  return regex;
}

static gpointer
compile_patterns_cb (gpointer data)
{
  Patterns *patterns = g_new0 (Patterns, 1);

  patterns->phone = compile (PHONE_PATTERN);
  patterns->email = compile (EMAIL_PATTERN);
  patterns->address = compile (ADDRESS_PATTERN);
  patterns->ssn = compile (SSN_PATTERN);
  patterns->medicare = compile (MEDICARE_PATTERN);
  patterns->tfn = compile (TFN_PATTERN);
  patterns->quote = compile (QUOTE_PATTERN);
  return patterns;
}

static const Patterns *
get_patterns (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, compile_patterns_cb, NULL);
}

const char *
alcove_finding_kind_to_string (AlcoveFindingKind kind)
{
  switch (kind)
    {
    case ALCOVE_FINDING_PHONE:
      return "phone";
    case ALCOVE_FINDING_EMAIL:
      return "email";
    case ALCOVE_FINDING_STREET_ADDRESS:
      return "address";
    case ALCOVE_FINDING_GOVERNMENT_ID:
      return "government-id";
    case ALCOVE_FINDING_LONG_QUOTE:
      return "quote";
    case ALCOVE_FINDING_OTHER_CLIENT:
      return "other-client";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
alcove_finding_kind_get_title (AlcoveFindingKind kind)
{
  switch (kind)
    {
    case ALCOVE_FINDING_PHONE:
      return _("Phone number");
    case ALCOVE_FINDING_EMAIL:
      return _("Email address");
    case ALCOVE_FINDING_STREET_ADDRESS:
      return _("Street address");
    case ALCOVE_FINDING_GOVERNMENT_ID:
      return _("Government identifier");
    case ALCOVE_FINDING_LONG_QUOTE:
      return _("Long quotation");
    case ALCOVE_FINDING_OTHER_CLIENT:
      return _("Another client’s name");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* When two findings cover the same text, the more specific one names it. */
static int
kind_rank (AlcoveFindingKind kind)
{
  switch (kind)
    {
    case ALCOVE_FINDING_GOVERNMENT_ID:
      return 0;
    case ALCOVE_FINDING_PHONE:
      return 1;
    case ALCOVE_FINDING_EMAIL:
      return 2;
    case ALCOVE_FINDING_STREET_ADDRESS:
      return 3;
    case ALCOVE_FINDING_OTHER_CLIENT:
      return 4;
    case ALCOVE_FINDING_LONG_QUOTE:
      return 5;
    default:
      g_return_val_if_reached (G_MAXINT);
    }
}

void
alcove_finding_free (AlcoveFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->reason);
  g_free (finding->key);
  g_free (finding);
}

/* The key names the finding without holding it: a hash of the normalised match, so that
 * "0412 345 678" and "0412345678" are dismissed together. */
static char *
make_key (AlcoveFindingKind  kind,
          const char        *normalised)
{
  guint8 digest[32];
  g_autoptr(GString) key = g_string_new (alcove_finding_kind_to_string (kind));
  gsize size = strlen (normalised);

  g_string_append_c (key, ':');
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, normalised, size, digest) < 0)
    {
      /* The same SHA-256, so keys stay stable whichever library computed them. */
      g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, normalised, size);

      g_string_append_len (key, hex, KEY_HEX_CHARS);
      return g_string_free (g_steal_pointer (&key), FALSE);
    }
  for (guint i = 0; i < KEY_HEX_CHARS / 2; i++)
    g_string_append_printf (key, "%02x", digest[i]);
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
add_finding (GPtrArray         *findings,
             AlcoveFindingKind  kind,
             gsize              start,
             gsize              end,
             char              *reason,
             const char        *normalised)
{
  AlcoveFinding *finding = g_new0 (AlcoveFinding, 1);

  finding->kind = kind;
  finding->start = start;
  finding->end = end;
  finding->reason = reason;
  finding->key = make_key (kind, normalised);
  g_ptr_array_add (findings, finding);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

/* Case-folded, without accents or other combining marks, compatibility forms decomposed
 * ("ﬁ" is "fi"), typographic apostrophes as ', and each run of white space as one space.
 * When starts and ends are given, they receive for every byte of the result the byte range
 * in text of the character it comes from. */
static char *
fold (const char *text,
      gsize       length,
      GArray     *starts,
      GArray     *ends)
{
  GString *out = g_string_sized_new (length);
  const char *limit = text + length;

  for (const char *p = text; p < limit; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize char_start = p - text;
      gsize char_end = g_utf8_next_char (p) - text;
      gsize before = out->len;

      if (g_unichar_isspace (c))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else if (c == 0x2018 || c == 0x2019 || c == 0x02BC)
        g_string_append_c (out, '\'');
      else
        {
          g_autofree char *decomposed = g_utf8_normalize (p, char_end - char_start,
                                                          G_NORMALIZE_NFKD);
          g_autoptr(GString) bare = g_string_new (NULL);
          g_autofree char *folded = NULL;

          for (const char *q = decomposed; q != NULL && *q != '\0'; q = g_utf8_next_char (q))
            {
              gunichar d = g_utf8_get_char (q);

              if (!g_unichar_ismark (d))
                g_string_append_unichar (bare, d);
            }
          folded = g_utf8_casefold (bare->str, bare->len);
          g_string_append (out, folded);
        }

      if (starts != NULL)
        {
          for (gsize i = before; i < out->len; i++)
            {
              g_array_append_val (starts, char_start);
              g_array_append_val (ends, char_end);
            }
        }
    }
  return g_string_free (out, FALSE);
}

static char *
fold_range (const char *text,
            gsize       start,
            gsize       end)
{
  return fold (text + start, end - start, NULL, NULL);
}

static char *
digits_of (const char *text,
           gsize       start,
           gsize       end)
{
  GString *digits = g_string_new (NULL);

  for (gsize i = start; i < end; i++)
    if (g_ascii_isdigit (text[i]))
      g_string_append_c (digits, text[i]);
  return g_string_free (digits, FALSE);
}

static void
phone_cb (const char *text,
          gsize       start,
          gsize       end,
          GPtrArray  *findings)
{
  g_autofree char *digits = digits_of (text, start, end);
  gsize n_digits = strlen (digits);

  if (n_digits < MIN_PHONE_DIGITS || n_digits > MAX_PHONE_DIGITS)
    return;
  add_finding (findings, ALCOVE_FINDING_PHONE, start, end,
               g_strdup (_("Looks like a phone number — is it needed in the record?")), digits);
}

static void
email_cb (const char *text,
          gsize       start,
          gsize       end,
          GPtrArray  *findings)
{
  g_autofree char *normalised = fold_range (text, start, end);

  add_finding (findings, ALCOVE_FINDING_EMAIL, start, end,
               g_strdup (_("Looks like an email address — is it needed in the record?")),
               normalised);
}

static void
address_cb (const char *text,
            gsize       start,
            gsize       end,
            GPtrArray  *findings)
{
  g_autofree char *normalised = fold_range (text, start, end);

  add_finding (findings, ALCOVE_FINDING_STREET_ADDRESS, start, end,
               g_strdup (_("Looks like a street address — is it needed in the record?")),
               normalised);
}

/* Area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
static void
ssn_cb (const char *text,
        gsize       start,
        gsize       end,
        GPtrArray  *findings)
{
  g_autofree char *digits = digits_of (text, start, end);

  if (strlen (digits) != 9 ||
      strncmp (digits, "000", 3) == 0 || strncmp (digits, "666", 3) == 0 || digits[0] == '9' ||
      strncmp (digits + 3, "00", 2) == 0 || strncmp (digits + 5, "0000", 4) == 0)
    return;
  add_finding (findings, ALCOVE_FINDING_GOVERNMENT_ID, start, end,
               g_strdup (_("Looks like a US Social Security number — is it needed in the "
                           "record?")),
               digits);
}

/* Ten digits (and maybe the position on the card), the first 2–6; the ninth is the check
 * digit over the first eight. */
static void
medicare_cb (const char *text,
             gsize       start,
             gsize       end,
             GPtrArray  *findings)
{
  static const guint weights[] = { 1, 3, 7, 9, 1, 3, 7, 9 };
  g_autofree char *digits = digits_of (text, start, end);
  guint sum = 0;

  if (strlen (digits) < 10 || digits[0] < '2' || digits[0] > '6')
    return;
  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    sum += (guint) (digits[i] - '0') * weights[i];
  if (sum % 10 != (guint) (digits[8] - '0'))
    return;
  add_finding (findings, ALCOVE_FINDING_GOVERNMENT_ID, start, end,
               g_strdup (_("Looks like an Australian Medicare number — is it needed in the "
                           "record?")),
               digits);
}

static gboolean
is_valid_year (int year)
{
  return year >= 1900 && year <= 2099;
}

/* 20240312, 12032024 or 03122024: eight digits that read as a date are a date. */
static gboolean
looks_like_date (const char *digits)
{
  int a = (digits[0] - '0') * 10 + (digits[1] - '0');
  int b = (digits[2] - '0') * 10 + (digits[3] - '0');
  int c = (digits[4] - '0') * 10 + (digits[5] - '0');
  int d = (digits[6] - '0') * 10 + (digits[7] - '0');
  int head_year = a * 100 + b;
  int tail_year = c * 100 + d;

  if (is_valid_year (head_year) && g_date_valid_dmy (d, c, head_year))
    return TRUE;
  if (is_valid_year (tail_year) &&
      (g_date_valid_dmy (a, b, tail_year) || g_date_valid_dmy (b, a, tail_year)))
    return TRUE;
  return FALSE;
}

/* 9 digits (or the older 8) whose weighted sum is a multiple of 11. */
static void
tfn_cb (const char *text,
        gsize       start,
        gsize       end,
        GPtrArray  *findings)
{
  static const guint weights9[] = { 1, 4, 3, 7, 5, 8, 6, 9, 10 };
  static const guint weights8[] = { 10, 7, 8, 4, 6, 3, 5, 1 };
  g_autofree char *digits = digits_of (text, start, end);
  gsize n_digits = strlen (digits);
  const guint *weights;
  gboolean all_same = TRUE;
  guint sum = 0;

  if (n_digits == 9)
    weights = weights9;
  else if (n_digits == 8)
    weights = weights8;
  else
    return;

  for (gsize i = 0; i < n_digits; i++)
    {
      sum += (guint) (digits[i] - '0') * weights[i];
      all_same = all_same && digits[i] == digits[0];
    }
  /* 00000000 and, with eight digits, 11111111 … 99999999 pass the sum but are no TFN. */
  if (sum % 11 != 0 || all_same || (n_digits == 8 && looks_like_date (digits)))
    return;
  add_finding (findings, ALCOVE_FINDING_GOVERNMENT_ID, start, end,
               g_strdup (_("Looks like an Australian tax file number — is it needed in the "
                           "record?")),
               digits);
}

/* Words are runs of anything but white space that hold a letter or digit, so a lone "—"
 * does not count. */
static guint
count_words (const char *start,
             const char *end)
{
  gboolean in_word = FALSE;
  gboolean has_alnum = FALSE;
  guint words = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (in_word && has_alnum)
            words++;
          in_word = has_alnum = FALSE;
        }
      else
        {
          in_word = TRUE;
          has_alnum = has_alnum || g_unichar_isalnum (c);
        }
    }
  if (in_word && has_alnum)
    words++;
  return words;
}

static void
quote_cb (const char *text,
          gsize       start,
          gsize       end,
          GPtrArray  *findings)
{
  /* inside the marks: both straight and curly marks are one character */
  const char *inner_start = g_utf8_next_char (text + start);
  const char *inner_end = g_utf8_find_prev_char (text, text + end);
  g_autofree char *normalised = NULL;
  guint words;

  if (inner_end == NULL || inner_end < inner_start)
    return;
  words = count_words (inner_start, inner_end);
  if (words < LONG_QUOTE_WORDS)
    return;
  normalised = fold (inner_start, inner_end - inner_start, NULL, NULL);
  add_finding (findings, ALCOVE_FINDING_LONG_QUOTE, start, end,
               /* Translators: %u is a number of words, at least 25 */
               g_strdup_printf (ngettext ("A verbatim quotation of %u word — would a summary do?",
                                          "A verbatim quotation of %u words — would a summary do?",
                                          words),
                                words),
               g_strstrip (normalised));
}

static void
scan (GRegex        *regex,
      const char    *text,
      CandidateFunc  func,
      GPtrArray     *findings)
{
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (regex, text, 0, &info);
  while (g_match_info_matches (info))
    {
      int start, end;

      if (g_match_info_fetch_pos (info, 0, &start, &end) && end > start)
        func (text, (gsize) start, (gsize) end, findings);
      g_match_info_next (info, NULL);
    }
}

static gunichar
char_before (const char *text,
             gsize       offset)
{
  const char *prev = offset > 0 ? g_utf8_find_prev_char (text, text + offset) : NULL;

  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

/* Finds each name in the folded text and maps the hit back to the original text: starts
 * and ends give, per folded byte, the original character's byte range. */
static void
find_other_clients (const char         *text,
                    const char * const *names,
                    GPtrArray          *findings)
{
  gsize text_length = strlen (text);
  g_autoptr(GArray) starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), text_length);
  g_autoptr(GArray) ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), text_length);
  g_autofree char *folded = fold (text, text_length, starts, ends);
  gsize folded_length = strlen (folded);
  const gsize *start_of = (const gsize *) (gpointer) starts->data;
  const gsize *end_of = (const gsize *) (gpointer) ends->data;

  for (gsize n = 0; names[n] != NULL; n++)
    {
      g_autofree char *name = fold (names[n], strlen (names[n]), NULL, NULL);
      gsize name_length;

      g_strstrip (name);
      name_length = strlen (name);
      if (g_utf8_strlen (name, -1) < MIN_NAME_CHARS)
        continue;

      for (const char *hit = strstr (folded, name); hit != NULL;
           hit = strstr (g_utf8_next_char (hit), name))
        {
          gsize first = hit - folded;
          gsize last = first + name_length;   /* exclusive */
          gsize start, end;

          /* the hit must begin and end on whole characters of the original ("ß" is "ss") */
          if ((first > 0 && start_of[first - 1] == start_of[first]) ||
              (last < folded_length && start_of[last] == start_of[last - 1]))
            continue;

          start = start_of[first];
          end = end_of[last - 1];
          /* keep accents written as separate combining marks with their letter */
          while (end < text_length && g_unichar_ismark (g_utf8_get_char (text + end)))
            end = g_utf8_next_char (text + end) - text;

          if (is_word_char (char_before (text, start)) ||
              (end < text_length && is_word_char (g_utf8_get_char (text + end))))
            continue;

          add_finding (findings, ALCOVE_FINDING_OTHER_CLIENT, start, end,
                       g_strdup (_("Looks like the name of another client — does it belong "
                                   "in this record?")),
                       name);
        }
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const AlcoveFinding *fa = *(AlcoveFinding * const *) a;
  const AlcoveFinding *fb = *(AlcoveFinding * const *) b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  if (fa->end != fb->end)
    return fa->end > fb->end ? -1 : 1;
  if (fa->kind != fb->kind)
    return kind_rank (fa->kind) - kind_rank (fb->kind);
  return strcmp (fa->key, fb->key);
}

/* Returns the findings in text, sorted by start and non-overlapping: of two findings that
 * overlap, the one that starts first, then the longer, is kept. */
GPtrArray *
alcove_phi_check (const char         *text,
                  const char * const *other_client_names)
{
  const Patterns *patterns = get_patterns ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GPtrArray *findings;
  gsize covered = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  scan (patterns->ssn, text, ssn_cb, candidates);
  scan (patterns->medicare, text, medicare_cb, candidates);
  scan (patterns->tfn, text, tfn_cb, candidates);
  scan (patterns->phone, text, phone_cb, candidates);
  scan (patterns->email, text, email_cb, candidates);
  scan (patterns->address, text, address_cb, candidates);
  scan (patterns->quote, text, quote_cb, candidates);
  if (other_client_names != NULL)
    find_other_clients (text, other_client_names, candidates);

  g_ptr_array_sort (candidates, compare_findings);
  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) alcove_finding_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      AlcoveFinding *finding = g_ptr_array_index (candidates, i);

      if (finding->start >= covered)
        {
          covered = finding->end;
          g_ptr_array_add (findings, finding);
        }
      else
        alcove_finding_free (finding);
    }
  return findings;
}
