import { Code, Skeleton, Stack, Text } from '@mantine/core';
import { useSiteKey } from '../../api/scanner-kits-queries.ts';
import { CopyIconButton } from '../../components/CopyableValue.tsx';
import { DetailSection } from '../../components/DetailSection.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';

/** This site's public signing key, to paste as a trust key at a site that imports this site's exports. */
export function SiteKeyPanel({ missingScope }: { missingScope: string | null }) {
  const siteKey = useSiteKey(missingScope === null);
  const jwkText = siteKey.data ? JSON.stringify(siteKey.data.jwk) : '';
  return (
    <DetailSection title="Site key">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          Exports are signed with this key. Another site adds this public JWK as a trust key to import them.
        </Text>
        {missingScope && (
          <Text size="sm" c="dimmed">
            {missingScope}
          </Text>
        )}
        {siteKey.isLoading && <Skeleton height={40} />}
        {siteKey.isError && <ErrorState title="The site key could not be loaded" error={siteKey.error} onRetry={() => void siteKey.refetch()} />}
        {siteKey.data && (
          <Stack gap={4}>
            <Text size="sm">{siteKey.data.name}</Text>
            <Code block data-testid="site-key-jwk">
              {jwkText}
            </Code>
            <CopyIconButton value={jwkText} label="site key JWK" />
          </Stack>
        )}
      </Stack>
    </DetailSection>
  );
}
