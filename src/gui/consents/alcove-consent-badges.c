/* alcove-consent-badges.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-consent-badges"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-consent-badges.h"
#include "alcove-consent-template.h"

/* A row of badges in the client page's header: is an intake consent current, how many
 * authorizations are active, and the soonest expiry within 30 days. Each badge says so in
 * words with an icon; the colour (libadwaita's success, warning, error) only repeats it.
 * Billing sees them too: they need status only. */
struct _AlcoveConsentBadges
{
  GtkBox              parent_instance;

  AlcoveConsentStore *store;
  char               *client_id;
};

G_DEFINE_FINAL_TYPE (AlcoveConsentBadges, alcove_consent_badges, GTK_TYPE_BOX)

#define EXPIRY_HORIZON_DAYS 30

static void
add_badge (AlcoveConsentBadges *self,
           const char          *icon_name,
           const char          *style,
           const char          *text,
           const char          *tooltip)
{
  GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "consent-badge");
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_tooltip_text (badge, tooltip);
  gtk_box_append (GTK_BOX (badge), image);
  gtk_box_append (GTK_BOX (badge), label);
  gtk_box_append (GTK_BOX (self), badge);
}

static void
clear (AlcoveConsentBadges *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
}

static int
days_until (GDate      *today,
            const char *iso_date)
{
  g_autoptr(GDate) date = g_date_new ();

  g_date_set_parse (date, iso_date);
  return g_date_valid (date) ? g_date_days_between (today, date) : G_MAXINT;
}

static void
add_intake_badge (AlcoveConsentBadges *self,
                  GPtrArray           *consents,
                  GDate               *today)
{
  gboolean current = FALSE, lapsed = FALSE;

  for (guint i = 0; i < consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (consents, i);
      AlcoveConsentStatus status;

      if (!g_str_equal (alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND),
                        ALCOVE_CONSENT_KIND_INTAKE))
        continue;
      status = alcove_consent_get_status_on (consent, today);
      current |= status == ALCOVE_CONSENT_ACTIVE;
      lapsed |= status == ALCOVE_CONSENT_EXPIRED || status == ALCOVE_CONSENT_REVOKED;
    }
  if (current)
    add_badge (self, "emblem-ok-symbolic", "success", _("Intake consent current"),
               _("An intake informed consent is in effect today"));
  else if (lapsed)
    add_badge (self, "dialog-warning-symbolic", "error", _("Intake consent expired or revoked"),
               _("Record a new intake informed consent before the next session"));
  else
    add_badge (self, "dialog-warning-symbolic", "error", _("No intake consent"),
               _("Record the client’s intake informed consent before the next session"));
}

/* Rebuilds the badges from the store; a read error leaves them empty (the Consents tab
 * reports it). */
void
alcove_consent_badges_refresh (AlcoveConsentBadges *self)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GDate) today = alcove_date_today ();
  guint authorizations = 0;
  int soonest = G_MAXINT;

  g_return_if_fail (ALCOVE_IS_CONSENT_BADGES (self));

  clear (self);
  consents = alcove_consent_store_list_for_client (self->store, self->client_id, NULL);
  if (consents == NULL)
    return;
  add_intake_badge (self, consents, today);
  for (guint i = 0; i < consents->len; i++)
    {
      AlcoveConsent *consent = g_ptr_array_index (consents, i);
      const char *kind = alcove_consent_get_field (consent, ALCOVE_CONSENT_KIND);

      if (alcove_consent_get_status_on (consent, today) != ALCOVE_CONSENT_ACTIVE)
        continue;
      if (g_str_equal (kind, ALCOVE_CONSENT_KIND_RELEASE) ||
          g_str_equal (kind, ALCOVE_CONSENT_KIND_PSYCHOTHERAPY))
        authorizations++;
      if (alcove_consent_expires_within (consent, today, EXPIRY_HORIZON_DAYS))
        soonest = MIN (soonest, days_until (today,
                                            alcove_consent_get_field (consent,
                                                                      ALCOVE_CONSENT_EXPIRES_ON)));
    }
  if (authorizations > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u authorization active",
                                                            "%u authorizations active",
                                                            authorizations), authorizations);

      add_badge (self, "send-to-symbolic", NULL, text,
                 _("Authorizations to disclose in effect today"));
    }
  if (soonest != G_MAXINT)
    {
      g_autofree char *text = soonest == 0 ? g_strdup (_("A consent expires today"))
                                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                           "A consent expires in %d day",
                                                                           "A consent expires in %d days",
                                                                           soonest), soonest);

      add_badge (self, "alarm-symbolic", "warning", text,
                 _("Renew it with the client, or let it lapse on purpose"));
    }
}

static void
store_changed_cb (AlcoveConsentBadges *self,
                  const char          *client_id)
{
  if (g_strcmp0 (client_id, self->client_id) == 0)
    alcove_consent_badges_refresh (self);
}

static void
alcove_consent_badges_dispose (GObject *object)
{
  AlcoveConsentBadges *self = ALCOVE_CONSENT_BADGES (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (alcove_consent_badges_parent_class)->dispose (object);
}

static void
alcove_consent_badges_class_init (AlcoveConsentBadgesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = alcove_consent_badges_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alcove_notes/Alcove/alcove-consent-badges.ui");
}

static void
alcove_consent_badges_init (AlcoveConsentBadges *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AlcoveConsentBadges *
alcove_consent_badges_new (AlcoveConsentStore *store,
                           const char         *client_id)
{
  AlcoveConsentBadges *self;

  g_return_val_if_fail (ALCOVE_IS_CONSENT_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ALCOVE_TYPE_CONSENT_BADGES, NULL);
  self->store = g_object_ref (store);
  self->client_id = g_strdup (client_id);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  alcove_consent_badges_refresh (self);
  return self;
}
