/* What the staff handlers share: validity of their links, the invitation as answered. */
#ifndef STAFF_STAFF_H
#define STAFF_STAFF_H

struct jw;
struct db_rows;

#define INVITATION_VALID_SECONDS (72 * 3600)
#define RESET_VALID_SECONDS 3600

/* Row i of STMT_INVITATION_LIST or STMT_INVITATION_GET as one JSON object. */
void staff_write_invitation(struct jw *w, const struct db_rows *rows, int i);

#endif
