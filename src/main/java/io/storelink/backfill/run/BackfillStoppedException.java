package io.storelink.backfill.run;

/** An operator stopped the run; its checkpoint stays for {@code --resume}. */
public class BackfillStoppedException extends RuntimeException {

    public BackfillStoppedException() {
        super("the backfill was stopped; resume it with --resume (or POST /admin/backfill?resume=true)");
    }
}
