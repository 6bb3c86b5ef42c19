/**
 * A backfill as an operator runs it: started from the command line, the admin endpoint or Hawtio, one at a time
 * across replicas, checkpointed on the checkpoint topic so that it resumes, watched through its progress.
 */
package io.storelink.backfill.run;
