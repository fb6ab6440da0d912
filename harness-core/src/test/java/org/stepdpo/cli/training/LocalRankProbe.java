package org.stepdpo.cli.training;

/**
 * A stand-in rank for {@link LocalRanksTest}: prints the rendezvous it was given; with "fail", rank 1 exits with code 7
 * and rank 0 waits as a rank blocked in a collective would.
 */
public final class LocalRankProbe {

    private LocalRankProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        String rank = System.getenv("RANK");
        System.out.println("rank " + rank + " of " + System.getenv("WORLD_SIZE") + " local " + System.getenv("LOCAL_RANK")
                + " store " + System.getenv("MASTER_ADDR") + ":" + System.getenv("MASTER_PORT") + " threads "
                + System.getenv("STEPDPO_THREADS"));
        System.out.flush();
        if (args.length > 0 && args[0].equals("fail")) {
            if (rank.equals("1")) {
                Thread.sleep(300);
                System.exit(7);
            }
            Thread.sleep(120_000);
        }
    }
}
