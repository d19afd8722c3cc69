/* alcove-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alcove-date.h"
#include "alcove-date-row.h"

/* An entry row for a calendar day: typed in the user's locale (or as ISO 8601), or picked
 * from a calendar in a popover. What counts as a day is alcove-date's rule; the row only
 * shows its answer as the text changes, and never replaces text that is not a day. */
struct _AlcoveDateRow
{
  AdwEntryRow     parent_instance;

  GtkMenuButton  *calendar_button;
  GtkCalendar    *calendar;

  char           *iso_date;     /* "" when empty or not a day */
  char           *plain_title;  /* the title while an error is shown in it */
  gboolean        valid;
  gboolean        picking;      /* the calendar is being set from the text */
};

G_DEFINE_FINAL_TYPE (AlcoveDateRow, alcove_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_ISO_DATE,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the error, inline: in the row's title, which sits just above the typed text ---- */

/* What to type instead, for the tooltip and screen readers: the title has room for little */
static char *
error_hint (void)
{
  g_autoptr(GDate) today = alcove_date_today ();
  g_autofree char *example = alcove_date_format_gdate (today);

  /* Translators: why a date field's text is not accepted; %s is today in the form Alcove
   * shows days, as an example */
  return g_strdup_printf (_("Not a day: type one like %s, or pick it from the calendar"),
                          example);
}

static void
show_error (AlcoveDateRow *self)
{
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;

  if (self->plain_title != NULL)
    return;
  self->plain_title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  message = error_hint ();
  /* Translators: a date field's title when its text is not a day; kept short to fit
   * a narrow window (the tooltip says more) */
  title = g_strdup_printf (_("%s: not a day"), self->plain_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);
  gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message, -1);
}

static void
clear_error (AlcoveDateRow *self)
{
  g_autofree char *title = g_steal_pointer (&self->plain_title);

  if (title == NULL)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* ---- typing ---- */

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
text_changed_cb (AlcoveDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *iso = alcove_date_typed_to_iso (text);
  gboolean valid = is_blank (text) || iso != NULL;

  if (valid)
    clear_error (self);
  else
    show_error (self);
  if (g_strcmp0 (self->iso_date, iso ? iso : "") != 0)
    {
      g_free (self->iso_date);
      self->iso_date = g_strdup (iso ? iso : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISO_DATE]);
    }
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

/* Once the person moves on, a day typed as "3/7/2024" reads as every other day does */
static void
focus_left_cb (AlcoveDateRow *self)
{
  g_autofree char *shown = NULL;

  if (self->iso_date[0] == '\0')
    return;
  shown = alcove_date_format (self->iso_date);
  if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), shown);
}

/* ---- picking from the calendar ---- */

static GDateTime *
day_to_show (AlcoveDateRow *self)
{
  GDate date;

  if (alcove_date_to_gdate (self->iso_date, &date))
    return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), 0, 0, 0);
  return g_date_time_new_now_local ();
}

/* The calendar opens on the typed day, or today */
static void
popover_shown_cb (AlcoveDateRow *self)
{
  g_autoptr(GDateTime) day = day_to_show (self);

  self->picking = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->picking = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
day_selected_cb (AlcoveDateRow *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *iso = NULL;

  if (self->picking)
    return;
  day = gtk_calendar_get_date (self->calendar);
  iso = g_date_time_format (day, "%Y-%m-%d");
  alcove_date_row_set_iso_date (self, iso);
  gtk_menu_button_popdown (self->calendar_button);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Enter picks the day the keyboard is on, as Space does in GtkCalendar */
static gboolean
calendar_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         AlcoveDateRow         *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  day_selected_cb (self);
  return GDK_EVENT_STOP;
}

static GtkWidget *
build_calendar_button (AlcoveDateRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (calendar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), keys);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_swapped (popover, "show", G_CALLBACK (popover_shown_cb), self);

  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->calendar_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Pick a Day"));
  gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a day from a calendar"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Calendar"), -1);
  return GTK_WIDGET (self->calendar_button);
}

/* ---- the class ---- */

static void
alcove_date_row_finalize (GObject *object)
{
  AlcoveDateRow *self = ALCOVE_DATE_ROW (object);

  g_clear_pointer (&self->iso_date, g_free);
  g_clear_pointer (&self->plain_title, g_free);

  G_OBJECT_CLASS (alcove_date_row_parent_class)->finalize (object);
}

static void
alcove_date_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AlcoveDateRow *self = ALCOVE_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_ISO_DATE:
      g_value_set_string (value, self->iso_date);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_date_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AlcoveDateRow *self = ALCOVE_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_ISO_DATE:
      alcove_date_row_set_iso_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alcove_date_row_class_init (AlcoveDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alcove_date_row_finalize;
  object_class->get_property = alcove_date_row_get_property;
  object_class->set_property = alcove_date_row_set_property;

  properties[PROP_ISO_DATE] =
    g_param_spec_string ("iso-date", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alcove_date_row_init (AlcoveDateRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->iso_date = g_strdup ("");
  self->valid = TRUE;
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), build_calendar_button (self));
  g_signal_connect (self, "changed", G_CALLBACK (text_changed_cb), NULL);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

AlcoveDateRow *
alcove_date_row_new (const char *title)
{
  return g_object_new (ALCOVE_TYPE_DATE_ROW, "title", title, "use-underline", TRUE, NULL);
}

const char *
alcove_date_row_get_iso_date (AlcoveDateRow *self)
{
  g_return_val_if_fail (ALCOVE_IS_DATE_ROW (self), NULL);

  return self->valid ? self->iso_date : gtk_editable_get_text (GTK_EDITABLE (self));
}

void
alcove_date_row_set_iso_date (AlcoveDateRow *self,
                              const char    *iso_date)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (ALCOVE_IS_DATE_ROW (self));

  shown = alcove_date_format (iso_date);
  gtk_editable_set_text (GTK_EDITABLE (self), shown);
}

gboolean
alcove_date_row_get_valid (AlcoveDateRow *self)
{
  g_return_val_if_fail (ALCOVE_IS_DATE_ROW (self), FALSE);

  return self->valid;
}
