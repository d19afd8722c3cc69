/* test-incident-gui.c — the incident form in the wording of the practice's law only: no
 * Australian wording under a HIPAA practice, none of HIPAA's under an Australian one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-incident-gui"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "alcove-gui-test-utils.h"
#include "alcove-incident-window.h"
#include "alcove-incidents.h"
#include "alcove-jurisdiction.h"
#include "alcove-test-utils.h"

static const char * const american[] = { "HIPAA", "HHS", "45 CFR", NULL };
static const char * const australian[] = { "Australia", "OAIC", "Privacy Act", "Notifiable",
                                           "26W", "serious harm", "Serious harm", NULL };

/* What a person can read: the text of every widget shown, not of hidden ones */
static void
collect_visible_text (GtkWidget *widget,
                      GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (text, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)) != NULL)
    g_string_append_printf (text, "%s\n",
                            adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_visible_text (child, text);
}

/* Each test its own vault, in a folder of its own */
static AlcoveVault *
new_vault (void)
{
  g_autofree char *dir = g_dir_make_tmp ("alcove-incident-gui-XXXXXX", NULL);
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autoptr(AlcoveVault) created = alcove_test_create_vault (vault_dir, NULL);

  return alcove_test_unlocked_vault (vault_dir, "dana", TEST_PASSWORD);
}

static char *
form_text (AlcoveVault    *vault,
           AlcoveIncident *incident,
           const char     *screenshot)
{
  AlcoveIncidentWindow *window = alcove_incident_window_new (NULL, vault, incident);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  alcove_test_run_for (300);
  alcove_test_save_screenshot (GTK_WIDGET (window), screenshot);
  collect_visible_text (GTK_WIDGET (window), text);
  gtk_window_destroy (GTK_WINDOW (window));
  alcove_test_run_for (50);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_wording (const char         *text,
                const char * const *own,
                const char * const *foreign)
{
  gboolean any_own = FALSE;

  g_test_message ("%s", text);
  for (guint i = 0; own[i] != NULL; i++)
    any_own |= strstr (text, own[i]) != NULL;
  g_assert_true (any_own);
  for (guint i = 0; foreign[i] != NULL; i++)
    if (strstr (text, foreign[i]) != NULL)
      g_error ("“%s” is on the form of the other law", foreign[i]);
}

static void
test_us_practice (void)
{
  g_autoptr(AlcoveVault) vault = new_vault ();
  g_autoptr(AlcoveIncident) both = alcove_incident_new ();
  g_autoptr(GDate) today = g_date_new_dmy (2, G_DATE_MARCH, 2024);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_form = NULL;
  g_autofree char *old_form = NULL;

  /* no setting: the HIPAA default of vaults made before it */
  new_form = form_text (vault, NULL, "incident-us");
  assert_wording (new_form, american, australian);

  /* an incident recorded under both laws before the setting existed */
  alcove_incident_set_discovered_on (both, "2024-03-01");
  alcove_incident_set_jurisdiction (both, ALCOVE_JURISDICTION_BOTH);
  alcove_incident_set_affected (both, 3);
  alcove_incident_set_serious_harm (both, TRUE);
  alcove_incident_set_description (both, "A laptop was stolen");
  alcove_incident_set_accessed (both, "appointment times");
  alcove_incident_set_accessed_by (both, "unknown");
  g_assert_true (alcove_incidents_save (vault, both, today, &error));
  g_assert_no_error (error);
  old_form = form_text (vault, both, "incident-us-recorded-under-both");
  assert_wording (old_form, american, australian);
  alcove_vault_lock (vault);
}

static void
test_au_practice (void)
{
  g_autoptr(AlcoveVault) vault = new_vault ();
  g_autoptr(GError) error = NULL;
  g_autofree char *form = NULL;

  g_assert_true (alcove_practice_set_jurisdiction (vault, ALCOVE_JURISDICTION_AU_NDB, &error));
  g_assert_no_error (error);
  form = form_text (vault, NULL, "incident-au");
  assert_wording (form, australian, american);
  alcove_vault_lock (vault);
}

int
main (int   argc,
      char *argv[])
{
  alcove_test_init_gui (&argc, &argv);
  /* the form alone, in its own window: no application around it */
  gtk_init ();
  adw_init ();

  g_test_add_func ("/incident-gui/us-practice", test_us_practice);
  g_test_add_func ("/incident-gui/au-practice", test_au_practice);

  return g_test_run ();
}
