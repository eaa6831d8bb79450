/** The settings overview: what each settings page is for, and a link to it. */
import type { PageUser } from "../page-kit.tsx";
import { SETTINGS_SECTIONS, SettingsFrame } from "./settings-parts.tsx";

export function SettingsOverviewPage({
  user,
  csrf,
  canAdmin,
}: {
  user: PageUser;
  csrf: string;
  canAdmin: boolean;
}) {
  return (
    <SettingsFrame title="Settings" section="overview" user={user} csrf={csrf}>
      <ul class="cards">
        {SETTINGS_SECTIONS.map((s) => (
          <li class="card">
            <h2>
              <a href={s.href}>{s.label}</a>
            </h2>
            <p>{s.about}</p>
          </li>
        ))}
      </ul>
      {canAdmin ? null : (
        <p class="muted">
          Your role can read these settings; owners and admins change them (and manage API keys).
        </p>
      )}
    </SettingsFrame>
  );
}
