/* alcove-migrations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "alcove-migrations"

#include "config.h"

#include "alcove-migrations.h"

/* One function per user_version of each store. Each takes the file from version N-1 to N;
 * AlcoveDatabase runs it in a transaction with the version bump. Never edit a shipped one:
 * add the next. "@S@" stands for the schema the store is attached as. */

typedef gboolean (*MigrationFunc) (AlcoveDatabase *database, const char *schema, GError **error);

static gboolean
exec_in_schema (AlcoveDatabase  *database,
                const char      *schema,
                const char      *sql_template,
                GError         **error)
{
  g_autoptr(GString) sql = g_string_new (sql_template);

  g_string_replace (sql, "@S@", schema, 0);
  return alcove_database_exec (database, sql->str, error);
}

static gboolean
create_meta (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.meta ("
                         "  key   TEXT PRIMARY KEY NOT NULL,"
                         "  value TEXT NOT NULL"
                         ");", error);
}

/* practice.db v1: the vault's own facts */
static gboolean
practice_v1 (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return create_meta (database, schema, error);
}

/* practice.db v2: the append-only, HMAC-chained audit log */
static gboolean
practice_v2 (AlcoveDatabase  *database,
             const char      *schema,
             GError         **error)
{
  return exec_in_schema (database, schema,
                         "CREATE TABLE @S@.audit_log ("
                         "  seq       INTEGER PRIMARY KEY,"
                         "  id        TEXT NOT NULL UNIQUE,"
                         "  at_ms     INTEGER NOT NULL,"
                         "  actor     TEXT NOT NULL,"
                         "  action    TEXT NOT NULL,"
                         "  object_id TEXT NOT NULL DEFAULT '',"
                         "  details   TEXT NOT NULL DEFAULT '{}',"
                         "  mac       TEXT NOT NULL"
                         ");"
                         "CREATE INDEX @S@.audit_log_by_time ON audit_log (at_ms);"
                         "CREATE TRIGGER @S@.audit_log_no_update BEFORE UPDATE ON audit_log"
                         " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
                         "CREATE TRIGGER @S@.audit_log_no_delete BEFORE DELETE ON audit_log"
                         " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",
                         error);
}

/* notes-<id>.db and private-<id>.db v1: their facts; the note tables come with the editor */
static gboolean
store_v1 (AlcoveDatabase  *database,
          const char      *schema,
          GError         **error)
{
  return create_meta (database, schema, error);
}

static const MigrationFunc practice_migrations[] = { practice_v1, practice_v2 };
static const MigrationFunc notes_migrations[] = { store_v1 };
static const MigrationFunc private_migrations[] = { store_v1 };

static const MigrationFunc *
migrations_for (AlcoveStoreKind  kind,
                int             *count)
{
  switch (kind)
    {
    case ALCOVE_STORE_PRACTICE:
      *count = G_N_ELEMENTS (practice_migrations);
      return practice_migrations;
    case ALCOVE_STORE_NOTES:
      *count = G_N_ELEMENTS (notes_migrations);
      return notes_migrations;
    case ALCOVE_STORE_PRIVATE:
      *count = G_N_ELEMENTS (private_migrations);
      return private_migrations;
    default:
      g_assert_not_reached ();
    }
}

int
alcove_migrations_count (AlcoveStoreKind kind)
{
  int count;

  migrations_for (kind, &count);
  return count;
}

gboolean
alcove_migrations_apply (AlcoveDatabase   *database,
                         const char       *schema,
                         AlcoveStoreKind   kind,
                         int               version,
                         GError          **error)
{
  int count;
  const MigrationFunc *migrations = migrations_for (kind, &count);

  g_assert (version >= 1 && version <= count);
  return migrations[version - 1] (database, schema, error);
}
