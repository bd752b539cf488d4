package dev.periscope.access;

/**
 * Tells approvers (and the channel) about access events. Approval itself only ever happens inside Periscope after
 * login: a notification carries a link, never an approve button.
 */
interface ApproverNotifier {

    /** Queues a notification; delivery state is reported back on the request, never lost silently. */
    void notify(AccessRequest request, String headline);
}
