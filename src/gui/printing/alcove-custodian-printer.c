/* alcove-custodian-printer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-custodian-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-custodian-printer.h"
#include "alcove-error.h"
#include "alcove-page-printer.h"
#include "alcove-print-markup.h"

/* The letter is Pango markup printed through AlcovePagePrinter. It is read by someone who
 * has never used Alcove, perhaps years later, so it says each step in words. It is checked
 * again before printing: a recovery key in any field never reaches paper. */

#define SIGNATURE_LINE "________________________________"

static void
append_paragraph (GString    *markup,
                  const char *text)
{
  alcove_print_markup_append_text (markup, text);
  g_string_append (markup, "\n\n");
}

static void
append_subheading (GString    *markup,
                   const char *text)
{
  g_string_append (markup, "<b>");
  alcove_print_markup_append_text (markup, text);
  g_string_append (markup, "</b>\n");
}

static void
append_custodian (GString               *markup,
                  const AlcoveCustodian *custodian)
{
  g_autofree char *named_on = NULL;

  append_subheading (markup, _("The custodian"));
  alcove_print_markup_append_field (markup, _("Name:"), custodian->name);
  if (custodian->profession && *custodian->profession)
    alcove_print_markup_append_field (markup, _("Profession and licence:"),
                                      custodian->profession);
  if (custodian->phone && *custodian->phone)
    alcove_print_markup_append_field (markup, _("Phone:"), custodian->phone);
  if (custodian->email && *custodian->email)
    alcove_print_markup_append_field (markup, _("Email:"), custodian->email);
  if (custodian->address && *custodian->address)
    alcove_print_markup_append_field (markup, _("Address:"), custodian->address);
  named_on = alcove_date_format (custodian->named_on);
  alcove_print_markup_append_field (markup, _("Named on:"), named_on);
  g_string_append (markup, "\n");
}

static void
append_key_location (GString               *markup,
                     const AlcoveCustodian *custodian)
{
  alcove_print_markup_append_part (markup, _("Where the recovery key is kept"),
                                   custodian->key_location);
  append_paragraph (markup, _("This letter does not hold the recovery key. The printed "
                              "recovery sheet opens every record in the vault: keep it apart "
                              "from this letter and from the computer."));
}

static void
append_steps (GString *markup)
{
  const char *steps[] = {
    N_("Find the printed recovery sheet at the place written above."),
    N_("Install Alcove on a computer of your own."),
    N_("Open the practice’s vault folder in Alcove. If the computer or the folder is lost or "
       "damaged, restore the latest backup with “Restore from a backup”, as Alcove’s help "
       "explains."),
    N_("Sign in with the recovery key: on the sign-in page choose “Forgot Password?”, type "
       "the key from the sheet and choose a new password for the owner’s account."),
    N_("Notify the practice’s clients that the practice is closing or changing hands, and "
       "how they can get copies of their records."),
    N_("Keep the records for as long as the law and the practice’s retention policy say, "
       "then dispose of them securely; release them only as the law allows."),
    N_("Contact the owner’s licensing board and tell it who now holds the records."),
  };

  append_subheading (markup, _("What the custodian does"));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *step = g_strdup_printf ("%u. %s", i + 1, _(steps[i]));

      alcove_print_markup_append_text (markup, step);
      g_string_append (markup, "\n");
    }
  g_string_append (markup, "\n");
}

static void
append_signature (GString    *markup,
                  const char *label,
                  const char *name)
{
  g_autofree char *line = g_strdup_printf ("%s %s    %s %s", label, SIGNATURE_LINE, _("Date:"),
                                           "______________");

  g_string_append (markup, "\n");
  alcove_print_markup_append_text (markup, line);
  g_string_append (markup, "\n");
  alcove_print_markup_append_text (markup, name);
  g_string_append (markup, "\n");
}

char *
alcove_custodian_printer_dup_markup (const char            *practice,
                                     const char            *owner,
                                     const AlcoveCustodian *custodian)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *naming = NULL;

  g_return_val_if_fail (custodian != NULL, NULL);

  alcove_print_markup_append_heading (markup, _("Records Custodian Letter"));
  alcove_print_markup_append_field (markup, _("Practice:"), practice);
  alcove_print_markup_append_field (markup, _("Owner:"), owner);
  g_string_append (markup, "\n");
  /* Translators: the owner's name, the custodian's name, then the practice's name */
  naming = g_strdup_printf (_("I, %s, name %s as custodian of the clinical records of %s, "
                              "should I die or become unable to practise. The custodian takes "
                              "over the records, keeps them confidential, and acts for my "
                              "clients as the steps below say."),
                            owner, custodian->name, practice);
  append_paragraph (markup, naming);
  append_custodian (markup, custodian);
  append_key_location (markup, custodian);
  append_steps (markup);
  append_signature (markup, _("Owner:"), owner);
  append_signature (markup, _("Custodian:"), custodian->name);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static const char *
owner_name (AlcoveVault *vault)
{
  AlcoveUser *user = alcove_vault_get_current_user (vault);
  const char *name = alcove_user_get_full_name (user);

  return name != NULL && *name != '\0' ? name : alcove_user_get_username (user);
}

/* The custodian an owner saved, still acceptable as it is printed */
static AlcoveCustodian *
load_printable (AlcoveVault  *vault,
                GError      **error)
{
  g_autoptr(AlcoveCustodian) custodian = NULL;
  AlcoveCustodianState state;

  if (!alcove_custodian_can_change (vault))
    {
      alcove_error_fail (error, ALCOVE_VAULT_ERROR_PERMISSION_DENIED,
                         _("Only a practice owner prints the custodian letter"));
      return NULL;
    }
  custodian = alcove_custodian_load (vault, &state);
  if (state == ALCOVE_CUSTODIAN_UNTRUSTED)
    alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                       _("The saved custodian was not named by an owner; name the custodian "
                         "again before printing the letter"));
  else if (custodian == NULL)
    alcove_error_fail (error, ALCOVE_VAULT_ERROR_INVALID,
                       _("Name a records custodian and save before printing the letter"));
  else if (!alcove_custodian_check (custodian, NULL, error))
    g_clear_pointer (&custodian, alcove_custodian_free);
  return g_steal_pointer (&custodian);
}

gboolean
alcove_custodian_printer_run (GtkWindow    *parent,
                              AlcoveVault  *vault,
                              const char   *pdf_path,
                              GError      **error)
{
  g_autoptr(AlcoveCustodian) custodian = NULL;
  g_autofree char *markup = NULL;
  gboolean printed = FALSE;
  const char *practice;
  AlcovePageFrame frame = {
    .job_name = _("Records custodian letter"),
    .footer = _("Confidential — keep apart from the recovery sheet"),
  };

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (ALCOVE_IS_VAULT (vault), FALSE);

  custodian = load_printable (vault, error);
  if (custodian == NULL)
    return FALSE;
  practice = alcove_vault_get_practice_name (vault);
  frame.title = practice;
  frame.aside = _("Records custodian");
  markup = alcove_custodian_printer_dup_markup (practice, owner_name (vault), custodian);
  if (!alcove_page_printer_run (parent, &frame, markup, pdf_path, &printed, error))
    return FALSE;
  if (printed)
    alcove_custodian_letter_printed (vault);
  return TRUE;
}
