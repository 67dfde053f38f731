import { Projector } from '../../Projector';

export default async function ProjectorPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <Projector sessionId={sessionId} />;
}
