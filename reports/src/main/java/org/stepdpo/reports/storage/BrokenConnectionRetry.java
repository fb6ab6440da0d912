package org.stepdpo.reports.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.jboss.logging.Logger;

/**
 * Runs a store transaction again when the connection under it broke.
 *
 * <p>Why: several commands share the embedded database file. H2's auto-server mode lets the first process that
 * opened it serve it to the others over loopback; when that process exits or is killed, the others' connections
 * break ("Connection is broken: session closed", then "Database is already closed") and their open transactions
 * are rolled back. A new connection opens the file itself (or reaches the process that did), so the work is not
 * lost: the pool validates connections before lending them (validate-on-borrow drops the broken ones), and this
 * interceptor runs the rolled-back transaction again. It sits outside {@code @Transactional} (a lower priority
 * number) and only retries the outermost call, never a call that joined a transaction already broken. Taking over
 * the file after a kill -9 waits for H2 to see the lock as stale, about two seconds; the waits below cover eight.
 *
 * <p>A transaction whose commit reached the database but whose answer was lost would run twice; the store's unique
 * keys (a run's samples) refuse the duplicate rather than store it.
 */
@RetryWhenConnectionBreaks
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class BrokenConnectionRetry {

    private static final Logger LOG = Logger.getLogger(BrokenConnectionRetry.class);

    /** H2: connection broken, database closed (shut down or being closed), database closed by a fatal error. */
    private static final Set<Integer> H2_BROKEN = Set.of(90067, 90121, 90098);
    private static final Duration[] WAITS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofMillis(4250)};

    @Inject
    TransactionManager transactions;

    @AroundInvoke
    Object retry(InvocationContext call) throws Exception {
        if (insideTransaction()) {
            return call.proceed();
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return call.proceed();
            } catch (RuntimeException e) {
                if (attempt == WAITS.length || !brokenConnection(e)) {
                    throw e;
                }
                LOG.warnf("database connection broke during %s (%s); trying again in %d ms", call.getMethod().getName(),
                        firstLine(e), WAITS[attempt].toMillis());
                Thread.sleep(WAITS[attempt].toMillis());
            }
        }
    }

    private boolean insideTransaction() throws SystemException {
        return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /**
     * When the serving process closes the database (TERM) in the middle of a transaction, H2 reports it as a general
     * error (50000), not as a connection error: the rolled-back transaction ("Transaction 1 has status ROLLED_BACK"), or
     * the client's own connection closed under a statement in flight (a NullPointerException on its
     * {@code transferList}, what the tester saw beside a stopping {@code serve}).
     */
    private static final java.util.regex.Pattern ROLLED_BACK_UNDER_US = java.util.regex.Pattern.compile(
            "Transaction \\d+ has status (ROLLED_BACK|ROLLING_BACK|CLOSED)|\"?this\\.transferList\"?\"? is null");

    /** Whether a cause is an SQL error that says the connection, not the statement, failed. */
    static boolean brokenConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (H2_BROKEN.contains(sql.getErrorCode())
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || (sql.getMessage() != null && ROLLED_BACK_UNDER_US.matcher(sql.getMessage()).find()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
