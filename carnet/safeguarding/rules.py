from carnet.accounts.rules import can_manage

# The coordinator sees the flags and confirms or fixes them before publishing.
can_review_flags = can_manage
