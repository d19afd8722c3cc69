/* alcove-vault.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alcove-crypto.h"
#include "alcove-error.h"
#include "alcove-secret.h"
#include "alcove-user.h"

G_BEGIN_DECLS

#define ALCOVE_TYPE_VAULT (alcove_vault_get_type ())

G_DECLARE_FINAL_TYPE (AlcoveVault, alcove_vault, ALCOVE, VAULT, GObject)

typedef struct
{
  const char            *practice_name;
  const char            *username;
  const char            *full_name;
  const AlcoveSecret    *password;
  const AlcoveKdfParams *kdf;   /* NULL: calibrate to about half a second */
  const AlcoveSecret    *recovery_key;  /* NULL: a new random one; the setup assistant makes
                                         * it first, to show it before anything is written */
} AlcoveVaultSetup;

/* An owner's password, or the recovery code, typed into another person's session to confirm
 * a change only the practice's authority may sign */
typedef struct
{
  const char         *owner;   /* the owner's username; NULL when `secret` is a recovery code */
  const AlcoveSecret *secret;
} AlcoveConfirmation;

/* What `verify` checks, in this order; it stops at the first that fails */
typedef enum
{
  ALCOVE_VERIFY_OK,
  ALCOVE_VERIFY_AUTHORITY,  /* vault.keys: accounts and keys signed by an owner, every grant
                             * by someone entitled to make it */
  ALCOVE_VERIFY_FRESHNESS,  /* no file is older than this device has seen */
  ALCOVE_VERIFY_STORES,     /* every database reads whole */
  ALCOVE_VERIFY_CHAIN,      /* the audit log's chain and its authors' signatures */
} AlcoveVerifySection;

typedef struct
{
  guint               n_databases;
  gint64              audit_rows;
  gint64              generation;
  gint64              signed_rows;   /* audit rows whose author's signature was checked now */
  AlcoveVerifySection failed;
} AlcoveVerifyReport;

/* Re-keying: called before each store is copied (`file`), a few times a second while it is,
 * and once at the end (NULL). `done` and `total` count bytes over every store rotated, their
 * size before: a 1 GiB store reports its own progress. */
typedef void (*AlcoveRekeyProgress) (const char *file,
                                     guint64     done,
                                     guint64     total,
                                     gpointer    user_data);

AlcoveVault  *alcove_vault_new                   (const char             *path);
char         *alcove_vault_default_path          (void);
const char   *alcove_vault_sqlcipher_version     (void);
const char   *alcove_vault_get_path              (AlcoveVault            *self);
gboolean      alcove_vault_exists                (AlcoveVault            *self);
gboolean      alcove_vault_load                  (AlcoveVault            *self,
                                                  GError                **error);
const char   *alcove_vault_get_uuid              (AlcoveVault            *self);
const char   *alcove_vault_get_practice_name     (AlcoveVault            *self);
int           alcove_vault_get_format_version    (AlcoveVault            *self);
GListModel   *alcove_vault_list_users            (AlcoveVault            *self);
GStrv         alcove_vault_dup_file_names        (AlcoveVault            *self);

gboolean      alcove_vault_create                (AlcoveVault            *self,
                                                  const AlcoveVaultSetup *setup,
                                                  AlcoveSecret          **recovery_code,
                                                  GError                **error);
gboolean      alcove_vault_unlock_with_password  (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *password,
                                                  GError                **error);
gboolean      alcove_vault_unlock_with_keyring   (AlcoveVault            *self,
                                                  const char             *username,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
gboolean      alcove_vault_unlock_with_recovery_key (AlcoveVault         *self,
                                                  const AlcoveSecret     *recovery_code,
                                                  GError                **error);
void          alcove_vault_lock                  (AlcoveVault            *self);

/* Without blocking the main thread (alcove-vault-async.c): the slow step (Argon2, the
 * keyring, unwrapping) runs on a thread that touches no database; the connections open on
 * the caller's thread when it comes back. alcove_vault_unlock_finish() finishes the three
 * unlocks. */
void          alcove_vault_create_async          (AlcoveVault            *self,
                                                  const AlcoveVaultSetup *setup,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean      alcove_vault_create_finish         (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  AlcoveSecret          **recovery_code,
                                                  GError                **error);
void          alcove_vault_unlock_with_password_async (AlcoveVault       *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *password,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
void          alcove_vault_unlock_with_keyring_async (AlcoveVault        *self,
                                                  const char             *username,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
void          alcove_vault_unlock_with_recovery_key_async (AlcoveVault   *self,
                                                  const AlcoveSecret     *recovery_code,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean      alcove_vault_unlock_finish         (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
gboolean      alcove_vault_reset_password        (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *recovery_code,
                                                  const AlcoveSecret     *new_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  GError                **error);
void          alcove_vault_reset_password_async  (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *recovery_code,
                                                  const AlcoveSecret     *new_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean      alcove_vault_reset_password_finish (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
gboolean      alcove_vault_get_locked            (AlcoveVault            *self);
AlcoveUser   *alcove_vault_get_current_user      (AlcoveVault            *self);
gboolean      alcove_vault_is_recovery_session   (AlcoveVault            *self);
const char   *alcove_vault_get_unlock_method     (AlcoveVault            *self);
gboolean      alcove_vault_can_open_database     (AlcoveVault            *self,
                                                  const char             *database_id);

gint64        alcove_vault_get_last_verified_ms  (AlcoveVault            *self);
gboolean      alcove_vault_check_password        (AlcoveVault            *self,
                                                  const AlcoveSecret     *password,
                                                  GError                **error);
void          alcove_vault_check_password_async  (AlcoveVault            *self,
                                                  const AlcoveSecret     *password,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean      alcove_vault_check_password_finish (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
gboolean      alcove_vault_verify                (AlcoveVault            *self,
                                                  AlcoveVerifyReport     *report,
                                                  GError                **error);
void          alcove_vault_verify_async          (AlcoveVault            *self,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean      alcove_vault_verify_finish         (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  AlcoveVerifyReport     *report,
                                                  GError                **error);

/* Users (alcove-vault-users.c) */
gboolean      alcove_vault_add_user              (AlcoveVault            *self,
                                                  const char             *username,
                                                  const char             *full_name,
                                                  AlcoveRole              role,
                                                  const AlcoveSecret     *password,
                                                  const AlcoveKdfParams  *kdf,
                                                  GError                **error);
/* People (alcove-vault-users.c, alcove-vault-people.c). Every change is signed by the
 * practice's authority (an owner's session, or the recovery key's) and audited. */
gboolean      alcove_vault_add_person            (AlcoveVault            *self,
                                                  const char             *username,
                                                  const char             *full_name,
                                                  AlcoveRole              role,
                                                  const AlcoveSecret     *first_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  AlcoveSecret          **enrolment_code,
                                                  GError                **error);
gboolean      alcove_vault_first_sign_in         (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *first_secret,
                                                  const AlcoveSecret     *new_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  const AlcoveConfirmation *confirmation,
                                                  GError                **error);
gboolean      alcove_vault_first_sign_in_needs_confirmation (AlcoveVault *self,
                                                             const char  *username);
gboolean      alcove_vault_disable_user          (AlcoveVault            *self,
                                                  const char             *username,
                                                  GError                **error);
gboolean      alcove_vault_enable_user           (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *first_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  GError                **error);
gboolean      alcove_vault_reset_person          (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *first_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  const AlcoveSecret     *recovery_code,
                                                  GError                **error);
gboolean      alcove_vault_reset_needs_recovery_key (AlcoveVault         *self,
                                                     const char          *username);
gboolean      alcove_vault_set_role              (AlcoveVault            *self,
                                                  const char             *username,
                                                  AlcoveRole              role,
                                                  GError                **error);
/* FALSE, with the reason, when `username` is the last active owner, whom nothing may
 * disable or demote: someone must always be able to manage people and keys */
gboolean      alcove_vault_check_keeps_an_owner  (AlcoveVault            *self,
                                                  const char             *username,
                                                  GError                **error);
gboolean      alcove_vault_can_manage_people     (AlcoveVault            *self);
gboolean      alcove_vault_change_password       (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *new_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  GError                **error);
gboolean      alcove_vault_change_password_confirmed (AlcoveVault            *self,
                                                      const char             *username,
                                                      const AlcoveSecret     *new_password,
                                                      const AlcoveKdfParams  *kdf,
                                                      const AlcoveConfirmation *confirmation,
                                                      GError                **error);
gboolean      alcove_vault_password_change_needs_confirmation (AlcoveVault *self);

/* Without blocking the main thread (alcove-vault-rekey-async.c): the KDFs and the copies of
 * the stores off this thread, each copy on a connection of its own; the header written and
 * the session reopened on the caller's thread when they come back. Meanwhile the session's
 * connections refuse writes, which the copies would lose: the caller saves and closes
 * whatever writes first. `progress` is called on the caller's context. */
void          alcove_vault_change_password_async (AlcoveVault            *self,
                                                  const char             *username,
                                                  const AlcoveSecret     *new_password,
                                                  const AlcoveKdfParams  *kdf,
                                                  AlcoveRekeyProgress     progress,
                                                  gpointer                progress_data,
                                                  GDestroyNotify          progress_destroy,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
void          alcove_vault_change_password_confirmed_async
                                                 (AlcoveVault              *self,
                                                  const char               *username,
                                                  const AlcoveSecret       *new_password,
                                                  const AlcoveKdfParams    *kdf,
                                                  const AlcoveConfirmation *confirmation,
                                                  AlcoveRekeyProgress       progress,
                                                  gpointer                  progress_data,
                                                  GDestroyNotify            progress_destroy,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
gboolean      alcove_vault_change_password_finish (AlcoveVault           *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
void          alcove_vault_disable_user_async    (AlcoveVault            *self,
                                                  const char             *username,
                                                  AlcoveRekeyProgress     progress,
                                                  gpointer                progress_data,
                                                  GDestroyNotify          progress_destroy,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
gboolean      alcove_vault_disable_user_finish   (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
GStrv         alcove_vault_describe_waiting_handovers (AlcoveVault *self);
gboolean      alcove_vault_grant_supervision     (AlcoveVault            *self,
                                                  const char             *supervisor,
                                                  const char             *clinician,
                                                  GError                **error);
gboolean      alcove_vault_end_supervision       (AlcoveVault            *self,
                                                  const char             *supervisor,
                                                  const char             *clinician,
                                                  GError                **error);
/* Who reads a clinician's progress notes, and whose a supervisor reads: usernames, each
 * a key sealed to the supervisor, or an owner's assignment the clinician's next sign-in
 * carries out (then `pending`) */
GStrv         alcove_vault_dup_supervisors       (AlcoveVault            *self,
                                                  const char             *clinician);
GStrv         alcove_vault_dup_supervisees       (AlcoveVault            *self,
                                                  const char             *supervisor);
gboolean      alcove_vault_supervision_is_pending (AlcoveVault           *self,
                                                   const char            *supervisor,
                                                   const char            *clinician);
gboolean      alcove_vault_rekey                 (AlcoveVault            *self,
                                                  AlcoveRekeyProgress     progress,
                                                  gpointer                user_data,
                                                  GError                **error);
gboolean      alcove_vault_upgrade_cipher        (AlcoveVault            *self,
                                                  AlcoveRekeyProgress     progress,
                                                  gpointer                user_data,
                                                  GError                **error);
gboolean      alcove_vault_replace_recovery_key  (AlcoveVault            *self,
                                                  AlcoveSecret          **recovery_code,
                                                  GError                **error);
gboolean      alcove_vault_add_keyring_slot      (AlcoveVault            *self,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
gboolean      alcove_vault_remove_keyring_slot   (AlcoveVault            *self,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
/* The keyring's D-Bus calls without waiting for them (libsecret's own async calls) */
void          alcove_vault_add_keyring_slot_async (AlcoveVault           *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean      alcove_vault_add_keyring_slot_finish (AlcoveVault          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void          alcove_vault_remove_keyring_slot_async (AlcoveVault        *self,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean      alcove_vault_remove_keyring_slot_finish (AlcoveVault       *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

/* The practice's policy, signed by an owner in vault.keys (alcove-vault-policy.c).
 * Until an owner changes it: clinicians' notes need co-signing in every format; owners,
 * clinicians and supervisors may break the glass, for four hours. */
GStrv         alcove_vault_dup_cosign_roles      (AlcoveVault            *self);
GStrv         alcove_vault_dup_cosign_formats    (AlcoveVault            *self);
gboolean      alcove_vault_set_cosign_policy     (AlcoveVault            *self,
                                                  const char * const     *roles,
                                                  const char * const     *formats,
                                                  GError                **error);
/* Whether a note by `author_uuid` in `format_id` waits for a supervisor's co-signature:
 * the author's role and the format are in the policy, and an active supervisor is
 * assigned to the author */
gboolean      alcove_vault_cosign_required       (AlcoveVault            *self,
                                                  const char             *author_uuid,
                                                  const char             *format_id);
GStrv         alcove_vault_dup_emergency_roles   (AlcoveVault            *self);
int           alcove_vault_get_emergency_minutes (AlcoveVault            *self);
gboolean      alcove_vault_set_emergency_policy  (AlcoveVault            *self,
                                                  const char * const     *roles,
                                                  int                     minutes,
                                                  GError                **error);
/* An Ed25519 signature by the signed-in person over `context` \0 `message`, and its check
 * against the signing keys vault.keys lists for `user_uuid` */
GBytes       *alcove_vault_sign_as_user          (AlcoveVault            *self,
                                                  const char             *context,
                                                  const char             *message);
gboolean      alcove_vault_verify_user_signature (AlcoveVault            *self,
                                                  const char             *user_uuid,
                                                  const char             *context,
                                                  const char             *message,
                                                  GBytes                 *signature);

/* Emergency access ("breaking the glass", alcove-vault-emergency.c): the signed-in person,
 * if the policy allows their role, re-enters their password, names a client and a reason,
 * and gets that client's progress notes read-only until `alcove_vault_get_emergency_expires`.
 * The event is recorded (practice.db and the audit log) before any key is unsealed. */
typedef enum
{
  ALCOVE_EMERGENCY_REASON_CRISIS,       /* the client is in crisis or at risk */
  ALCOVE_EMERGENCY_REASON_CONTINUITY,   /* urgent care while their clinician is away */
  ALCOVE_EMERGENCY_REASON_SERVICES,     /* emergency services or a hospital asked */
  ALCOVE_EMERGENCY_REASON_OTHER,
} AlcoveEmergencyReason;

const char   *alcove_emergency_reason_to_string  (AlcoveEmergencyReason  reason);
gboolean      alcove_emergency_reason_from_string (const char            *text,
                                                   AlcoveEmergencyReason *reason);
const char   *alcove_emergency_reason_get_label  (AlcoveEmergencyReason  reason);
/* Whether the signed-in person may break the glass at all */
gboolean      alcove_vault_can_break_glass       (AlcoveVault            *self);
/* Whether breaking the glass for `client_id` would open anything: the person may, and a
 * clinician who saw the client keeps progress notes this session cannot read */
gboolean      alcove_vault_emergency_would_open  (AlcoveVault            *self,
                                                  const char             *client_id);
/* The KDF off this thread; the rest on the caller's. Returns the event's id. */
void          alcove_vault_break_glass_async     (AlcoveVault            *self,
                                                  const char             *client_id,
                                                  AlcoveEmergencyReason   reason,
                                                  const char             *explanation,
                                                  const AlcoveSecret     *password,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
char         *alcove_vault_break_glass_finish    (AlcoveVault            *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
char         *alcove_vault_break_glass           (AlcoveVault            *self,
                                                  const char             *client_id,
                                                  AlcoveEmergencyReason   reason,
                                                  const char             *explanation,
                                                  const AlcoveSecret     *password,
                                                  GError                **error);
/* The access open now: NULL when none; it ends by itself at expiry (the vault emits
 * "changed::emergency" when it begins and ends), at lock, or here */
const char   *alcove_vault_get_emergency_event   (AlcoveVault            *self);
const char   *alcove_vault_get_emergency_client  (AlcoveVault            *self);
gint64        alcove_vault_get_emergency_expires (AlcoveVault            *self);
/* The schemas its progress-notes stores are attached under, read-only */
GStrv         alcove_vault_dup_emergency_schemas (AlcoveVault            *self);
void          alcove_vault_end_emergency         (AlcoveVault            *self);

/* Before an unlock, after ALCOVE_VAULT_ERROR_RESTORED: the person confirms the restore the
 * vault's trusted record names, and what this computer saw is forgotten. Without such a
 * record it changes nothing: an older copy is still a rollback. */
void          alcove_vault_set_accept_restore    (AlcoveVault            *self,
                                                  gboolean                accept);
/* After an accepted restore: people this computer saw disabled whom the restored vault
 * still lists as active, to disable again (which rotates their keys); NULL or empty */
GStrv         alcove_vault_get_disabled_since_restore (AlcoveVault       *self);
/* In a vault just restored and unlocked: vault.restored and the audit row */
gboolean      alcove_vault_mark_restored         (AlcoveVault            *self,
                                                  gint64                  backup_created_ms,
                                                  gint64                  backup_generation,
                                                  GError                **error);
gboolean      alcove_username_is_valid           (const char             *username);

G_END_DECLS
