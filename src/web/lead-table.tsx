/** The leads table the results page and lead search share. */
export interface LeadRow {
  email: string;
  full_name: string | null;
  title: string | null;
  company: string | null;
  company_domain: string;
  seniority: string | null;
  department: string | null;
  icp_score: number;
  verify_status: string;
}

export function LeadTable({ leads, caption }: { leads: LeadRow[]; caption: string }) {
  return (
    <section class="table-wrap" aria-label={caption} tabindex={0}>
      <table>
        <caption class="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Title</th>
            <th scope="col">Company</th>
            <th scope="col">Seniority</th>
            <th scope="col">Department</th>
            <th scope="col">ICP</th>
            <th scope="col">Verification</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((l) => (
            <tr>
              <th scope="row">{l.email}</th>
              <td>{l.full_name ?? ""}</td>
              <td>{l.title ?? ""}</td>
              <td>{l.company ?? l.company_domain}</td>
              <td>{l.seniority ?? ""}</td>
              <td>{l.department ?? ""}</td>
              <td>{l.icp_score}</td>
              <td>
                <span class={`badge ${l.verify_status}`}>{l.verify_status.replaceAll("_", " ")}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
