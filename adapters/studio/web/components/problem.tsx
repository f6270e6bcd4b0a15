import { StudioRequestError } from '../client.ts';
import { useStudio } from '../studio-context.ts';

/** A refusal or failure as the server worded it (code and message), or nothing when there is none. */
export const Problem = ({ error }: { error: unknown }) =>
  error === undefined || error === null ? null : (
    <p className="error" role="alert">
      {error instanceof StudioRequestError ? `${error.code}: ${error.message}` : String(error)}
    </p>
  );

/** Positions as links that move the cursor there: "event 35, event 38". */
export const EventLinks = ({ positions }: { positions: number[] }) => {
  const studio = useStudio();
  return (
    <>
      {positions.map((p, i) => (
        <span key={p}>
          {i > 0 && ', '}
          <button type="button" className="link" onClick={() => studio.jump(p)}>
            event {p}
          </button>
        </span>
      ))}
    </>
  );
};
